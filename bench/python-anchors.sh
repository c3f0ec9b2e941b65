# Sourced by the vs-python*.sh scripts: what each needs before it runs the CPython anchors beside
# our benchmarks. Takes the anchor file the script needs as $1 (checked to exist). Leaves: the
# working directory at the repository root; $py, python3 or $PYTHON; $work, a temporary
# directory removed on exit, holding a copy of the anchors in $work/python; $java, the JDK that
# ./mvnj selects; and bench/target/benchmarks.jar built.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
anchors=${ANCHORS:-../shared/anchors/python}
[ -f "$anchors/bench/$1" ] || { echo "no Python anchors at $anchors (set ANCHORS)" >&2; exit 1; }
py=${PYTHON:-python3}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$anchors" "$work/python"
export PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0

./mvnj -B -q -pl bench -am package -DskipTests >&2
java="$(./mvnj --java-home)/bin/java"

# Runs the script's own `cpython` and `ours` functions interleaved (CPython, ours, CPython again,
# so that a change in the machine's load weighs on both sides alike), into $work/py.txt and
# $work/java.txt, with the machine and its load before and after on stderr.
interleave() {
  echo "# $("$py" -V 2>&1), $("$java" -version 2>&1 | head -1), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  cpython >> "$work/py.txt"
  ours >> "$work/java.txt"
  cpython >> "$work/py.txt"
  echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
}
