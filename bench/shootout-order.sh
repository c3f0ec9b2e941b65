#!/usr/bin/env bash
# Does the order the models run in change the shootout's figures? Runs the shootout three times
# in the foreground: the default model order, then the list reversed (another shuffle seed), then
# the default order again in a third JVM (a third seed), and compares each model and service's
# median wall time: the issue's bar is within 25% between the first two. The third run is the
# control: how far two JVMs differ in the *same* order (C2's compiled code differs from one JVM
# to the next), which no change of order can remove.
# Prints a markdown table and the largest differences; exit status 1 past the bar.
#   bench/shootout-order.sh            --quick runs (about 25 s each)
#   FULL=1 bench/shootout-order.sh     default runs (about 2 minutes each)
# Originals (node, go, python3) are left out: their order is not the question.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnj -B -q -pl examples -am install -DskipTests >&2
./mvnj -B -q -pl examples org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/examples/target/classpath.txt" >&2
java="$(./mvnj --java-home)/bin/java"
cp="examples/target/classes:$(cat examples/target/classpath.txt)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quick=--quick
[ -n "${FULL:-}" ] && quick=

# The default model list, as the shootout chooses it, read from its first line.
"$java" -cp "$cp" io.execmodels.examples.Shootout $quick --no-reference --out "$work/a" \
  --seed 1 > "$work/a.txt"
first=$(head -n 1 "$work/a.txt")
list=$(sed -n 's/.*model(s) \[\(.*\)\];.*/\1/p' <<<"$first" | tr -d ' ')
reversed=$(tr ',' '\n' <<<"$list" | tac | paste -sd, -)
echo "first run: $list (seed 1); second: $reversed (seed 2)" >&2
"$java" -cp "$cp" io.execmodels.examples.Shootout $quick --no-reference --out "$work/b" \
  --seed 2 --models "$reversed" > "$work/b.txt"
"$java" -cp "$cp" io.execmodels.examples.Shootout $quick --no-reference --out "$work/c" \
  --seed 3 --models "$list" > "$work/c.txt"

python3 - "$work/a/results.csv" "$work/b/results.csv" "$work/c/results.csv" <<'PY'
import csv, statistics, sys
def medians(path):
    runs = {}
    for row in csv.DictReader(open(path)):
        if row["problem"] or not row["wall_ms"]:
            continue
        runs.setdefault((row["model"], row["service"]), []).append(float(row["wall_ms"]))
    return {k: statistics.median(v) for k, v in runs.items()}
a, b, c = (medians(p) for p in sys.argv[1:4])
def diff(x, y):
    return abs(x - y) / max(min(x, y), 1e-9)
print("| model | service | median ms, first order | reversed | difference | first order again"
      " (control) | difference |")
print("| --- | --- | --- | --- | --- | --- | --- |")
worst = control = 0.0
for key in sorted(a.keys() & b.keys() & c.keys()):
    x, y, z = a[key], b[key], c[key]
    worst = max(worst, diff(x, y))
    control = max(control, diff(x, z))
    print(f"| {key[0]} | {key[1]} | {x:.1f} | {y:.1f} | {diff(x, y) * 100:.0f}% | {z:.1f}"
          f" | {diff(x, z) * 100:.0f}% |")
print()
print(f"largest difference, reversed order: {worst * 100:.0f}% (the bar: 25%);"
      f" same order in another JVM: {control * 100:.0f}%")
sys.exit(0 if worst <= 0.25 else 1)
PY
