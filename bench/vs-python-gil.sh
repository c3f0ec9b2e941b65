#!/usr/bin/env bash
# The gil-threads model's fidelity figures beside CPython's, in one run on this machine: runs the
# CPython GIL anchors (../shared/anchors/python/bench/gil_cpu.py, gil_io.py, gil_handoff.py,
# gil_convoy.py) and GilBench on gil-threads, interleaved (CPython, ours, CPython again; each
# CPython figure is the mean of its two runs), and prints one markdown table with the ratios and
# the targets of issue 12. Takes about 6 minutes; run it in the foreground on a quiet machine
# (the convoy figure depends on whether the second core is free, on both sides), and read the
# ratios, not the absolute figures.
#   bench/vs-python-gil.sh
# Needs: python3 (3.11, stdlib only), a JDK 21+ (found by ./mvnj).
set -euo pipefail
source "$(dirname "$0")/python-anchors.sh" gil_cpu.py
ours() { "$java" -cp bench/target/benchmarks.jar io.execmodels.bench.gil.GilBench "$@"; }
cpython() { (cd "$work/python/bench" && for f in gil_cpu.py gil_io.py gil_handoff.py gil_convoy.py; do "$py" "$f"; done); }

interleave

"$py" - "$work/py.txt" "$work/java.txt" <<'PY'
import re, sys
def read(path):
    figs = {}
    for line in open(path):
        m = re.match(r"^([\w.]+): ([\d.]+) (\S+)", line)
        if m:
            figs.setdefault(m.group(1), []).append(float(m.group(2)))
    return {k: sum(v) / len(v) for k, v in figs.items()}
py, jv = read(sys.argv[1]), read(sys.argv[2])
# The anchor prints the ratio to sequential only at the default interval; derive the others.
for name in ("2threads_si0.5ms", "4threads_si0.5ms", "2threads_si50ms", "4threads_si50ms"):
    wall, seq = py.get("gil_cpu_%s_wall" % name), py.get("gil_cpu_seq_2units_wall")
    if wall and seq:
        py.setdefault("gil_cpu_%s_vs_seq" % name, wall / seq)
def fmt(v):
    return "-" if v is None else ("%.2f" % v if v < 10 else "%.1f" % v if v < 1000 else "%.0f" % v)
# figure, unit, name, how close ours must be: a ratio band (lo, hi) around CPython's
rows = [
    ("CPU job in 2 threads vs sequential", "x", "gil_cpu_2threads_vs_seq", (0.85, 1.15)),
    ("CPU job in 4 threads vs sequential", "x", "gil_cpu_4threads_vs_seq", (0.85, 1.15)),
    ("2 threads vs sequential, switch interval 0.5 ms", "x", "gil_cpu_2threads_si0.5ms_vs_seq", (0.85, 1.15)),
    ("4 threads vs sequential, switch interval 0.5 ms", "x", "gil_cpu_4threads_si0.5ms_vs_seq", (0.85, 1.15)),
    ("2 threads vs sequential, switch interval 50 ms", "x", "gil_cpu_2threads_si50ms_vs_seq", (0.85, 1.15)),
    ("4 threads vs sequential, switch interval 50 ms", "x", "gil_cpu_4threads_si50ms_vs_seq", (0.85, 1.15)),
    ("50 threads x 20 sleeps of 10 ms: speed-up over sequential", "x", "gil_io_threads_speedup", (0.8, 1.2)),
    ("hand-off wait at 5 ms", "ms", "gil_handoff_wait_default5ms", (0.75, 1.25)),
    ("hand-off wait at 1 ms", "ms", "gil_handoff_wait_si1ms", (0.75, 1.25)),
    ("hand-off wait at 20 ms", "ms", "gil_handoff_wait_si20ms", (0.75, 1.25)),
    ("slice of 2 CPU threads at 5 ms", "ms", "gil_cpu_slice_2threads_default5ms", (0.75, 1.25)),
    ("slice of 2 CPU threads at 1 ms", "ms", "gil_cpu_slice_2threads_si1ms", (0.75, 1.25)),
    ("convoy: 1000 round trips beside a CPU thread, slowdown", "x", "gil_convoy_slowdown", (0.5, 2.0)),
]
print("| figure | unit | CPython 3.11 | gilsim | ratio | target | met |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for label, unit, name, (lo, hi) in rows:
    c, o = py.get(name), jv.get(name)
    ratio = o / c if c and o else None
    met = "-" if ratio is None else ("yes" if lo <= ratio <= hi else "no")
    print("| %s | %s | %s | %s | %s | %s-%s | %s |" % (label, unit, fmt(c), fmt(o),
          "-" if ratio is None else "%.2fx" % ratio, lo, hi, met))
for label, unit, name in [
    ("convoy: round trip alone, p50", "us", "gil_convoy_rt_alone_p50"),
    ("convoy: round trip beside a CPU thread, p50", "us", "gil_convoy_rt_with_cpu_p50"),
    ("convoy: round trip beside a CPU thread, p90", "us", "gil_convoy_rt_with_cpu_p90"),
    ("sequential CPU job, 2 units", "ms", "gil_cpu_seq_2units_wall"),
]:
    c, o = py.get(name), jv.get(name)
    print("| %s | %s | %s | %s | %s | - | - |" % (label, unit, fmt(c), fmt(o),
          "-" if not (c and o) else "%.2fx" % (o / c)))
PY
