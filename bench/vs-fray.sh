#!/usr/bin/env bash
# The bug benchmark side by side with Fray (CMU's controlled concurrency testing for the JVM):
# the 26 programs of bench/src/main/java/io/execmodels/bench/bugs under the simulation's search
# (random walk, PCT depth 3, POS), and the same programs as plain-thread Java (bench/fray/) under
# Fray's (random, PCT depth 3, POS), each from the same seeds with a budget of 1,000 iterations, in
# one session; prints one markdown table (see testkit/README.md, "The bug benchmark").
#   bench/vs-fray.sh          5 seeds per program and strategy
#   bench/vs-fray.sh 3        3 seeds
# Not part of the default build or CI: bench/fray/ is its own Maven project, outside the reactor.
#
# Fray 0.9.2 runs tests on a JDK 25 that it instruments with its jlink plugin. Its Maven plugin
# either downloads a JDK (not possible where only package registries are reachable) or jlinks the
# one given with -Dplugin.jdkPath from that JDK's jmods/, which a JDK 25 built for linking from
# its run-time image (JEP 493; Temurin 25, among others) does not ship. So this script runs the
# same jlink command itself, from the run-time image, into the place the plugin looks
# (bench/fray/target/fray/fray-java), and marks it with Fray's version, which makes the plugin
# use it as is. The JDK is the one ./mvnj uses, or $FRAY_JDK; it must be a JDK 25.
set -euo pipefail
cd "$(dirname "$0")/.."

seeds=${1:-5}
case $seeds in
  '' | *[!0-9]* | 0) echo "vs-fray.sh: the number of seeds must be a positive integer, got '$seeds'" >&2
    exit 2 ;;
esac

fray_version=$(sed -n 's:.*<fray.version>\(.*\)</fray.version>.*:\1:p' bench/fray/pom.xml)
jdk=${FRAY_JDK:-$(./mvnj --java-home)}
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")
if [ "$feature" != 25 ]; then
  echo "vs-fray.sh: Fray $fray_version needs a JDK 25 to instrument;" \
    "$jdk is a JDK ${feature:-of unknown version}. Set FRAY_JDK." >&2
  exit 1
fi
fray_java=bench/fray/target/fray/fray-java

if [ "$(cat "$fray_java/fray-version" 2>/dev/null || true)" != "$fray_version" ]; then
  echo "vs-fray.sh: linking Fray's instrumented JDK from $jdk (about a minute)" >&2
  classpath=bench/fray/target/jlink-classpath.txt
  mkdir -p bench/fray/target
  ./mvnj -B -q -f bench/fray/jdk/pom.xml dependency:build-classpath \
    -Dmdep.outputFile="$PWD/$classpath" >&2
  plugin=$(tr ':' '\n' < "$classpath" | grep "/fray-instrumentation-jdk-$fray_version.jar\$")
  # Every module of the JDK but jlink itself (and jpackage, which needs it): a run-time image
  # cannot link jdk.jlink into another image.
  modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
    | grep -v -x -e jdk.jlink -e jdk.jpackage | paste -sd, -)
  rm -rf "$fray_java"
  "$jdk/bin/jlink" "-J-javaagent:$plugin" "-J--module-path=$(cat "$classpath")" \
    -J--add-modules=org.pastalab.fray.instrumentation.jdk "-J--class-path=$(cat "$classpath")" \
    "--output=$fray_java" "--add-modules=$modules" --release-info add:IMPLEMENTOR=Fray \
    --fray-instrumentation >&2
  printf '%s' "$fray_version" > "$fray_java/fray-version"
fi

echo "vs-fray.sh: building the benchmarks" >&2
./mvnj -B -q -pl bench -am package -DskipTests >&2
java=$(./mvnj --java-home)/bin/java
javac=$(./mvnj --java-home)/bin/javac
rm -rf bench/fray/target/sim-classes
"$javac" -d bench/fray/target/sim-classes -cp bench/target/benchmarks.jar \
  bench/fray/sim/io/execmodels/bench/bugs/SimSide.java

sim_results=$PWD/bench/fray/target/sim-results.tsv
fray_results=$PWD/bench/fray/target/fray-results.tsv
rm -f "$sim_results" "$fray_results"

echo "vs-fray.sh: the simulation, $seeds seeds" >&2
# Carrier control on, as bench/run.sh runs the benchmarks (core.spi.Carriers).
"$java" --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp bench/fray/target/sim-classes:bench/target/benchmarks.jar \
  io.execmodels.bench.bugs.SimSide "$seeds" > "$sim_results"

echo "vs-fray.sh: Fray, $seeds seeds" >&2
./mvnj -B -q -f bench/fray/pom.xml verify -Dbench.seeds="$seeds" -Dbench.budget=1000 \
  -Dbench.results="$fray_results" >&2

echo "<!-- bench/vs-fray.sh $seeds, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
  "$("$java" -version 2>&1 | head -1), Fray $fray_version -->"
"$java" bench/fray/table/VsFrayTable.java "$sim_results" "$fray_results"
