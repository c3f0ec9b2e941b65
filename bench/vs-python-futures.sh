#!/usr/bin/env bash
# gilsim's concurrent.futures beside CPython's, in one run on this machine: the anchor
# ../shared/anchors/python/bench/threadpool.py and the ProcessPoolExecutor figures of procpool.py
# (round trip, map at chunksize 100 and 1, worker death to BrokenProcessPool), then FuturesBench,
# then CPython again (each CPython figure is the mean of its two runs); prints one markdown table
# with the ratios. Read the ratios, not the absolute figures.
#   bench/vs-python-futures.sh
# Needs: python3 (3.11, stdlib only), a JDK 21+ (found by ./mvnj).
set -euo pipefail
source "$(dirname "$0")/python-anchors.sh" threadpool.py
ours() { "$java" -cp bench/target/benchmarks.jar io.execmodels.bench.futures.FuturesBench; }
cpython() {
  (cd "$work/python/bench" && "$py" threadpool.py 2>/dev/null && "$py" - 2>/dev/null <<'PY'
import concurrent.futures as cf
import procpool as p
from _common import emit, ms, us
if __name__ == "__main__":
    with cf.ProcessPoolExecutor(2) as ex:
        ex.submit(p.noop).result()
        emit("ppe_roundtrip_submit_result", [p.ppe_roundtrip(ex) for _ in range(5)], "us", us)
        emit(f"ppe_map_{p.N_MAP}_cs100_rate", [p.ppe_map(ex, p.N_MAP, 100) for _ in range(5)], "tasks/s", lambda s: p.N_MAP / s)
        emit(f"ppe_map_{p.N_MAP_PPE_CS1}_cs1_rate", [p.ppe_map(ex, p.N_MAP_PPE_CS1, 1) for _ in range(3)], "tasks/s", lambda s: p.N_MAP_PPE_CS1 / s)
    emit("ppe_worker_death_to_brokenprocesspool", [p.ppe_worker_death() for _ in range(5)], "ms", ms)
PY
  )
}

interleave

"$py" - "$work/py.txt" "$work/java.txt" <<'PY'
import re, sys
def read(path):
    figs = {}
    for line in open(path):
        m = re.match(r"^([\w.]+): ([\d.e+]+) (\S+)", line)
        if m:
            figs.setdefault(m.group(1), []).append((float(m.group(2)), m.group(3)))
    return {k: (sum(v for v, _ in vs) / len(vs), vs[0][1]) for k, vs in figs.items()}
py, jv = read(sys.argv[1]), read(sys.argv[2])
print("| figure | unit | CPython 3.11 | gilsim | ratio (gilsim / CPython) |")
print("| --- | --- | --- | --- | --- |")
for name, (j, unit) in jv.items():
    c = py.get(name, (None, unit))[0]
    f = lambda v: "-" if v is None else ("%.3g" % v if v < 1000 else "%.0f" % v)
    print(f"| {name} | {unit} | {f(c)} | {f(j)} | {'-' if not c else '%.2fx' % (j / c)} |")
PY
