#!/usr/bin/env bash
# Builds the benchmarks and runs them (all, or those matching the regex given), in the foreground.
#   bench/run.sh               every benchmark
#   bench/run.sh PingPong      one class
# Each benchmark class measures execmodels beside its JVM peer in the same run: compare the two
# figures of one run as a ratio, never figures of different runs (the machine is noisy).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnj -B -q -pl bench -am package -DskipTests >&2
# Carrier control on in the forked JVMs (core.spi.Carriers; see the README's Requirements).
exec "$(./mvnj --java-home)/bin/java" -jar bench/target/benchmarks.jar \
  -jvmArgsAppend "--add-opens=java.base/java.lang=ALL-UNNAMED" "$@"
