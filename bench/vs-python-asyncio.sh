#!/usr/bin/env bash
# The asyncio model's figures beside CPython's asyncio, in one run on this machine: runs the
# CPython anchors (../shared/anchors/python: asyncio_bench.py, asyncio_blocking.py without its
# process-pool row) and AsyncioVsPython, interleaved (CPython, ours, CPython again; each CPython
# figure is the mean of its two runs), and prints one markdown table with the ratios and the
# targets of issue 12. Takes 2-4 minutes; run it in the foreground on a quiet machine and read
# the ratios, not the absolute figures.
#   bench/vs-python-asyncio.sh
# Needs: python3 (3.11, stdlib only), a JDK 21+ (found by ./mvnj).
set -euo pipefail
source "$(dirname "$0")/python-anchors.sh" asyncio_bench.py
# Both sides' spread lines (stderr) are left out of this table's run.
# The loop's own carrier (asyncio.carrier=own; carrier control on); CARRIER=default runs the
# default scheduler's path.
# AlwaysPreTouch: without it the first touch of each new heap page (a kernel page fault) was
# counted in the figures; a 100,000-message queue run moved between 8 and 85 ns a message as the
# young generation reached untouched memory or reused touched memory. CPython's side reuses its
# arenas after its first run; this makes ours as warm.
ours() {
  "$java" -XX:+AlwaysPreTouch --add-opens java.base/java.lang=ALL-UNNAMED \
    -Dexecmodels.asyncio.carrier="${CARRIER:-own}" \
    -cp bench/target/benchmarks.jar io.execmodels.bench.asyncio.AsyncioVsPython 2>/dev/null
}
cpython() {
  (cd "$work/python/bench" && "$py" asyncio_bench.py 2>/dev/null)
  # The blocking anchor's inline and to_thread rows; its process-pool row has no Java twin here.
  (cd "$work/python/bench" && "$py" - <<'PY'
import asyncio
import asyncio_blocking as b
from _common import emit, ms
emit("asyncio_block200ms_inline_sleep1ms_lateness",
     [asyncio.run(b.measure("inline")) for _ in range(b.REPS)], "ms", ms)
emit("asyncio_block200ms_to_thread_sleep1ms_lateness",
     [asyncio.run(b.measure("to_thread")) for _ in range(b.REPS)], "ms", ms)
PY
  ) 2>/dev/null
}

interleave

"$py" - "$work/py.txt" "$work/java.txt" <<'PY'
import re, sys
def read(path):
    figs = {}
    for line in open(path):
        m = re.match(r"^(\w+): ([\d.e+-]+) (\S+)", line)
        if m:
            figs.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: sum(v) / len(v) for k, v in figs.items()}
py, jv = read(sys.argv[1]), read(sys.argv[2])
rows = [
    # figure name, label, unit, higher is better, target (ours / CPython for rates)
    ("asyncio_create_task_gather_100k_rate", "100,000 tasks create+gather", "tasks/s", True, 5),
    ("asyncio_sleep0_rate", "sleep(0) iterations", "iter/s", True, 3),
    ("asyncio_queue_unbounded_rate", "Queue, unbounded", "msgs/s", True, 5),
    ("asyncio_queue_maxsize100_rate", "Queue, maxsize 100", "msgs/s", True, 5),
    ("asyncio_queue_maxsize1_rate", "Queue, maxsize 1", "msgs/s", True, None),
    ("asyncio_10k_concurrent_sleep10ms_wall", "10,000 concurrent 10 ms sleeps, wall", "ms", False, None),
    ("asyncio_sleep1ms_actual", "sleep(1 ms), actual", "ms", False, None),
    ("asyncio_wait_for_10ms_timeout_overshoot", "wait_for 10 ms timeout, overshoot", "ms", False, None),
    ("asyncio_timeout_cm_10ms_overshoot", "timeout(10 ms), overshoot", "ms", False, None),
    ("asyncio_task_cancel_to_cancellederror", "cancel() to CancelledError", "us", False, None),
    ("asyncio_block200ms_inline_sleep1ms_lateness", "200 ms inline burst: 1 ms sleep late by", "ms", False, None),
    ("asyncio_block200ms_to_thread_sleep1ms_lateness", "200 ms burst in to_thread: 1 ms sleep late by", "ms", False, None),
]
def fmt(v):
    if v is None:
        return "-"
    a = abs(v)
    return "%.0f" % v if a >= 1000 else "%.1f" % v if a >= 10 else "%.3g" % v
print("| figure | unit | CPython | gilsim | gilsim / CPython | target |")
print("| --- | --- | ---: | ---: | ---: | --- |")
for name, label, unit, higher, target in rows:
    p, j = py.get(name), jv.get(name)
    ratio = (j / p) if p and j else None
    tgt = "-" if target is None else (">= %dx %s" % (target, "met" if ratio and ratio >= target else "missed"))
    print("| %s | %s | %s | %s | %s | %s |" % (label, unit, fmt(p), fmt(j),
          "-" if ratio is None else "%.2f" % ratio, tgt))
PY
