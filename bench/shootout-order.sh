#!/usr/bin/env bash
# Does the order the models run in change the shootout's figures? Runs the shootout in the
# foreground in FORKS pairs of JVMs, alternating the default model order and the list reversed
# (each JVM with a shuffle seed of its own), and compares, per model and service, the median of
# the forks' median wall times in one order against the other's: the issue's bar is within 25%.
# Why forks: a service of a few milliseconds (the 10,000-value pipeline) runs at a speed that
# differs from one JVM to the next in the *same* order by up to 2x on this 2-CPU machine, so one
# JVM per order compares JVMs, not orders. The spread column shows that: how far apart the
# forks of the first order are among themselves.
# Prints a markdown table and the largest difference; exit status 1 past the bar.
#   bench/shootout-order.sh                  --quick runs, 3 forks per order (about 3 minutes)
#   FULL=1 bench/shootout-order.sh           default runs (about 1 minute each)
#   FORKS=1 bench/shootout-order.sh          one JVM per order, as the issue's bar reads
# Originals (node, go, python3) are left out: their order is not the question.
set -euo pipefail
cd "$(dirname "$0")/.."
forks=${FORKS:-3}
[[ "$forks" =~ ^[1-9][0-9]?$ ]] || { echo "FORKS must be 1 to 99, was '$forks'" >&2; exit 2; }
# Built as ./shootout builds it, and run with the flag it gives (the other changes no figure).
./mvnj -B -q -Dstyle.color=never -Pshootout -pl examples -am compile >&2
java="$(./mvnj --java-home)/bin/java"
cp="examples/target/classes:$(cat examples/target/shootout.classpath)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quick=--quick
[ -n "${FULL:-}" ] && quick=

shootout() { # out-dir seed [--models list]
  local out=$1 seed=$2
  shift 2
  "$java" --add-opens java.base/java.lang=ALL-UNNAMED -cp "$cp" io.execmodels.examples.Shootout \
    $quick --no-reference --out "$work/$out" \
    --seed "$seed" "$@" > "$work/$out.txt"
}

# The default model list, as the shootout chooses it, read from its first line.
shootout a1 1
first=$(head -n 1 "$work/a1.txt")
list=$(sed -n 's/.*model(s) \[\(.*\)\];.*/\1/p' <<<"$first" | tr -d ' ')
reversed=$(tr ',' '\n' <<<"$list" | awk '{ l[NR] = $0 } END { for (i = NR; i > 0; i--) print l[i] }' | paste -sd, -)
echo "order a: $list; order b: $reversed; $forks JVM(s) each, alternating" >&2
shootout b1 101 --models "$reversed"
for ((k = 2; k <= forks; k++)); do
  shootout "a$k" "$k" --models "$list"
  shootout "b$k" "$((100 + k))" --models "$reversed"
done

python3 - "$work" "$forks" <<'PY'
import csv, statistics, sys
work, forks = sys.argv[1], int(sys.argv[2])
def medians(path):
    runs = {}
    for row in csv.DictReader(open(path)):
        if row["problem"] or not row["wall_ms"]:
            continue
        runs.setdefault((row["model"], row["service"]), []).append(float(row["wall_ms"]))
    return {k: statistics.median(v) for k, v in runs.items()}
a = [medians(f"{work}/a{k}/results.csv") for k in range(1, forks + 1)]
b = [medians(f"{work}/b{k}/results.csv") for k in range(1, forks + 1)]
keys = set.intersection(*(set(m) for m in a + b))
def diff(x, y):
    return abs(x - y) / max(min(x, y), 1e-9)
print(f"| model | service | order a, ms ({forks} JVMs' median) | order b (reversed) | difference"
      " | spread of a's JVMs |")
print("| --- | --- | --- | --- | --- | --- |")
worst = spread = 0.0
for key in sorted(keys):
    xs, ys = [m[key] for m in a], [m[key] for m in b]
    x, y = statistics.median(xs), statistics.median(ys)
    s = diff(max(xs), min(xs))
    worst, spread = max(worst, diff(x, y)), max(spread, s)
    print(f"| {key[0]} | {key[1]} | {x:.1f} | {y:.1f} | {diff(x, y) * 100:.0f}% |"
          f" {min(xs):.1f}-{max(xs):.1f} ({s * 100:.0f}%) |")
print()
print(f"largest difference between the orders: {worst * 100:.0f}% (the bar: 25%);"
      f" largest spread among one order's JVMs: {spread * 100:.0f}%")
sys.exit(0 if worst <= 0.25 else 1)
PY
