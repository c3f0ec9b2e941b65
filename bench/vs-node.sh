#!/usr/bin/env bash
# The eventloop figures beside real Node's, in one run on this machine: runs the Node anchor's
# event-loop micro benchmarks (a copy of ../shared/anchors/node; micro.js, no HTTP) and the JMH
# benchmarks of io.execmodels.bench.eventloop (and its TimerLateness program), interleaved, then
# prints one markdown table with the ratio for each figure and the issue's target beside it. Takes about 10 minutes; run it in
# the foreground on a quiet machine, and read the ratios, not the absolute figures.
#   bench/vs-node.sh
# Needs: node (20 here), python3, a JDK 21+ (found by ./mvnj).
# Env: ANCHORS=<dir> (default ../shared/anchors/node); ANCHOR_RETRIES (default 0: do not wait for
#      a quiet machine and redo disturbed Node reps; the JMH side does not either).
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-../shared/anchors/node}
[ -f "$anchors/micro.js" ] || { echo "no Node anchors at $anchors (set ANCHORS)" >&2; exit 1; }
command -v node >/dev/null || { echo "node not found (Node 20: apt-get install nodejs)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$anchors" "$work/node"
export ANCHOR_RETRIES=${ANCHOR_RETRIES:-0} ANCHOR_DETAIL="$work/node.tsv" SKIP_HTTP=1

./mvnj -B -q -pl bench -am package -DskipTests >&2
java="$(./mvnj --java-home)/bin/java"
echo "# Node $(node --version), $(nproc) cpus, $(date -u +%FT%TZ)" >&2
# JMH refuses to run beside another JMH run (its /tmp/jmh.lock): wait for it, up to 20 minutes.
jmh() {
  for _ in $(seq 80); do
    # Carrier control on in the forked JVMs (core.spi.Carriers).
    if "$java" -jar bench/target/benchmarks.jar "$1" -rf json -rff "$work/jmh-$2.json" \
        -jvmArgsAppend "--add-opens=java.base/java.lang=ALL-UNNAMED" 2> "$work/jmh.err" >&2; then
      return 0
    fi
    grep -q 'Unable to acquire the JMH lock' "$work/jmh.err" || { cat "$work/jmh.err" >&2; return 1; }
    echo "another JMH run holds /tmp/jmh.lock; waiting" >&2
    sleep 15
  done
  echo "gave up waiting for /tmp/jmh.lock" >&2
  return 1
}
# Interleaved, so that a noisy stretch of the machine hits both sides alike.
(cd "$work/node" && node micro.js immediate) >> "$work/node.raw"
jmh 'eventloop\.LoopChains\.immediate' immediate
(cd "$work/node" && node micro.js tick) >> "$work/node.raw"
jmh 'eventloop\.LoopChains\.(nextTick|microtask)' tick
(cd "$work/node" && node micro.js await) >> "$work/node.raw"
jmh 'eventloop\.AwaitRoundTrip' await
(cd "$work/node" && node micro.js timers) >> "$work/node.raw"
jmh 'eventloop\.ManyTimers' timers
"$java" -cp bench/target/benchmarks.jar io.execmodels.bench.eventloop.TimerLateness \
  >> "$work/ours.raw"
(cd "$work/node" && node micro.js blocking) >> "$work/node.raw"
jmh 'eventloop\.TaskThroughput' tasks

python3 - "$work/node.raw" "$work" <<'PY'
import glob, json, sys
def lines(path):
    out = {}
    for line in open(path):
        if ":" in line:
            name, rest = line.split(":", 1)
            out[name.strip()] = float(rest.split()[0])
    return out
node = lines(sys.argv[1])
ours = lines(sys.argv[2] + "/ours.raw")
jmh = {}
for f in glob.glob(sys.argv[2] + "/jmh-*.json"):
    for r in json.load(open(f)):
        name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
        jmh[name] = r["primaryMetric"]["score"]
M = 1e-6
# figure, unit, Node figure, scale for Node, ours, scale for ours, lower is better, target ratio
rows = [
    ("setImmediate chain (one loop turn each)", "M/s", "setImmediate_chain_1M", M,
     "LoopChains.immediateChain", M, False, 5.0),
    ("setImmediate batch (1M queued at once)", "M/s", "setImmediate_batch_1M", M,
     "LoopChains.immediateBatch", M, False, None),
    ("nextTick chain", "M/s", "nextTick_chain_5M", M, "LoopChains.nextTickChain", M, False, 2.0),
    ("queueMicrotask chain", "M/s", "queueMicrotask_chain_5M", M,
     "LoopChains.microtaskChain", M, False, 2.0),
    ("await round trip (a suspension resumed by another task / await null)", "M/s",
     "await_null_loop_5M", M, "AwaitRoundTrip.awaitHandOff", M, False, 1.0),
    ("await of a settled promise / a done task (no suspension here)", "M/s",
     "await_resolved_promise_loop_5M", M, "AwaitRoundTrip.awaitDoneTask", M, False, None),
    ("sleep(0): a suspension resumed by the timers phase", "M/s", None, M,
     "AwaitRoundTrip.sleepZero", M, False, None),
    ("1,000,000 timers (0-100 ms), all fired", "ms", "timers_1M_random_0_100ms_all_fired", 1,
     "ManyTimers.millionTimersAllFired", 1, True, 1.0),
    ("10,000 x 10 ms timers: lateness p50", "ms", "timer_10ms_x10k_batch_lateness_p50", 1,
     "timer_10ms_x10k_batch_lateness_p50", 1, True, None),
    ("10,000 x 10 ms timers: lateness p99", "ms", "timer_10ms_x10k_batch_lateness_p99", 1,
     "timer_10ms_x10k_batch_lateness_p99", 1, True, 1.0),
    ("1 ms timer during a 200 ms synchronous callback: delay", "ms",
     "timer_1ms_delay_during_200ms_sync_cpu", 1, "timer_1ms_delay_during_200ms_sync_cpu", 1,
     True, None),
]
jmh.update(ours)
def fmt(v):
    return "-" if v is None else ("%.2f" % v if v < 10 else "%.1f" % v if v < 100 else "%.0f" % v)
print("| figure | unit | Node %s | eventloop | vs Node | target | met |" % "20")
print("| --- | --- | --- | --- | --- | --- | --- |")
for label, unit, nname, nscale, ours, oscale, lower, target in rows:
    n = node.get(nname) * nscale if nname in node else None
    o = jmh[ours] * oscale if ours in jmh else None
    ratio, met = "-", "-"
    if n and o:
        times = (n / o) if lower else (o / n)
        ratio = "%.2fx" % times
        if target:
            met = "yes" if times >= target else "no"
    tgt = ("%.1fx" % target + (" (time)" if lower else "")) if target else "-"
    print("| %s | %s | %s | %s | %s | %s | %s |" % (label, unit, fmt(n), fmt(o), ratio, tgt, met))
# Plain task throughput has no Node twin: it is compared with Netty 4.2's NIO loop.
for shape in ("External", "Chain"):
    o, p = jmh.get("TaskThroughput.eventLoop" + shape), jmh.get("TaskThroughput.nettyNio" + shape)
    ratio = "%.2fx of Netty" % (o / p) if o and p else "-"
    met = ("yes" if o / p >= 0.5 else "no") if o and p else "-"
    print("| plain tasks, %s (Netty 4.2 NIO: %s M/s) | M/s | - | %s | %s | 0.5x Netty | %s |"
          % (shape.lower(), fmt(p * M if p else None), fmt(o * M if o else None), ratio, met))
PY
