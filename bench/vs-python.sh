#!/usr/bin/env bash
# The process-pool figures beside CPython's, in one run on this machine: runs the CPython anchor
# (../shared/anchors/python: procpool.py, and machine.py for the machine's own 2-process speed-up,
# before and after) and ProcessPoolBench on WorkerPool, interleaved, and prints one markdown table
# with the ratios and the targets of issue 5. Takes 3-5 minutes; run it in the foreground on a
# quiet machine, and read the ratios, not the absolute figures.
#   bench/vs-python.sh
# Needs: python3 (3.11, stdlib only), a JDK 21+ (found by ./mvnj).
set -euo pipefail
source "$(dirname "$0")/python-anchors.sh" procpool.py
ours() { "$java" -cp bench/target/benchmarks.jar io.execmodels.bench.ProcessPoolBench "$@"; }

echo "# $("$py" -V 2>&1), $("$java" -version 2>&1 | head -1), $(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# Interleaved: CPython, ours, CPython again; each CPython figure is the mean of its two runs, so
# a change in the machine's load during the run weighs on both sides alike.
(cd "$work/python/bench" && "$py" machine.py start) >> "$work/py.txt"
(cd "$work/python/bench" && "$py" procpool.py) >> "$work/py.txt"
ours >> "$work/java.txt"
(cd "$work/python/bench" && "$py" procpool.py) >> "$work/py.txt"
(cd "$work/python/bench" && "$py" machine.py end) >> "$work/py.txt"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

"$py" - "$work/py.txt" "$work/java.txt" <<'PY'
import re, sys
def read(path):
    figs = {}
    for line in open(path):
        m = re.match(r"^(\w+): ([\d.]+) (\S+)", line)
        if m:
            figs.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: sum(v) / len(v) for k, v in figs.items()}
py, jv = read(sys.argv[1]), read(sys.argv[2])
def get(d, name):
    return d.get(name)
machine = [v for v in (get(py, "machine_parallel_speedup_2procs_start"),
                       get(py, "machine_parallel_speedup_2procs_end")) if v]
machine = sum(machine) / len(machine) if machine else None
def fmt(v):
    return "-" if v is None else ("%.2f" % v if v < 10 else "%.1f" % v if v < 1000 else "%.0f" % v)
rows = [
    # figure, unit, CPython figure, ours, target ratio (ours / CPython), lower is better
    ("pool start, 2 workers (CPython: PPE spawn)", "ms", get(py, "ppe_startup_2workers_spawn"),
     jv.get("pool_startup_2workers"), 1.5, True),
    ("trivial round trip, sequential (CPython: Pool.apply)", "us", get(py, "mp_pool_roundtrip_apply"),
     jv.get("pool_roundtrip_submit_get"), 0.25, True),
    ("trivial round trip, sequential (CPython: PPE submit/result)", "us",
     get(py, "ppe_roundtrip_submit_result"), jv.get("pool_roundtrip_submit_get"), 0.25, True),
    ("map 100,000 trivial, chunksize 1 (CPython: Pool.map)", "tasks/s",
     get(py, "mp_pool_map_100000_cs1_rate"), get(jv, "pool_map_100000_cs1_rate"), 2.0, False),
    ("map 100,000 trivial, chunksize 100 (CPython: Pool.map)", "tasks/s",
     get(py, "mp_pool_map_100000_cs100_rate"), get(jv, "pool_map_100000_cs100_rate"), 1.0, False),
    ("CPU-bound speed-up, 2 workers vs 1 (beside: machine's 2-process speed-up)", "x",
     machine, jv.get("pool_cpu_2procs_speedup"), 0.9, False),
    ("worker crash surfaced as an error (CPython: BrokenProcessPool)", "ms",
     get(py, "ppe_worker_death_to_brokenprocesspool"), jv.get("pool_worker_death_to_broken"), 2.0, True),
]
print("| figure | unit | CPython 3.11 | execmodels | ratio | target | met |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for label, unit, c, o, target, lower in rows:
    ratio = o / c if c and o else None
    met = "-" if ratio is None else ("yes" if (ratio <= target if lower else ratio >= target) else "no")
    print("| %s | %s | %s | %s | %s | %s %s | %s |" % (label, unit, fmt(c), fmt(o),
          "-" if ratio is None else "%.2fx" % ratio, "<=" if lower else ">=", target, met))
for label, unit, c, o in [
    ("round trip with a lambda job (beside: Pool.apply)", "us", get(py, "mp_pool_roundtrip_apply"),
     jv.get("pool_roundtrip_submit_get_lambda")),
    ("worker crash, the crashing job a lambda", "ms", get(py, "ppe_worker_death_to_brokenprocesspool"),
     jv.get("pool_worker_death_to_broken_lambda")),
    ("pool close, 2 workers (CPython: Pool close+join, fork)", "ms",
     get(py, "mp_pool_close_join_2workers_fork"), jv.get("pool_close_2workers")),
    ("CPU-bound speed-up, 2 workers vs 1 (CPython: PPE)", "x", get(py, "ppe_cpu_2procs_speedup"),
     jv.get("pool_cpu_2procs_speedup")),
]:
    ratio = o / c if c and o else None
    print("| %s | %s | %s | %s | %s | - | - |" % (label, unit, fmt(c), fmt(o),
          "-" if ratio is None else "%.2fx" % ratio))
print()
print("CPython PPE speed-up on 2 workers in the same run: %s x; CPython PPE spawn start %s ms, fork start %s ms."
      % (fmt(get(py, "ppe_cpu_2procs_speedup")), fmt(get(py, "ppe_startup_2workers_spawn")),
         fmt(get(py, "ppe_startup_2workers_fork"))))
print("Start-up levers (ms, this run): AppCDS on %s; off %s; off and JVM defaults %s; "
      "children one after another %s." % (fmt(jv.get("pool_startup_2workers")),
      fmt(jv.get("pool_startup_2workers_no_appcds")),
      fmt(jv.get("pool_startup_2workers_jvm_defaults_no_appcds")),
      fmt(jv.get("pool_startup_2workers_one_after_another"))))
PY
