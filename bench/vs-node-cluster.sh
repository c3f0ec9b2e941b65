#!/usr/bin/env bash
# The cluster module beside Node's cluster, in one run on this machine, interleaved, REPS rounds:
#  (a) fork until 2 workers listen and (b) worker crash (a "crash" message; it exits 1) until its
#      replacement listens: Node's anchor cluster_lifecycle.js (a copy) against
#      io.execmodels.bench.cluster.ClusterLifecycle (RestartPolicy with no back-off, as the anchor
#      re-forks at once in its exit handler), 5 reps after 1 warm-up each round, workers C1 and C2;
#  (c) HTTP hello, wrk -t2 -c64 on 127.0.0.1, Node's cluster of 2 (a copy of the anchor's
#      server.js, WORKERS=2) against ours (ClusterHttpServer, 2 ClusterHttpWorkers on one port with
#      SO_REUSEPORT), our workers with C1 (ClusterSettings' defaults) and with C2;
#  (d) a CPU endpoint (~2 ms of SHA-256 per request) on one loop and on a cluster of 2, both sides.
#      Each side is calibrated the same way, by its own twin of the anchor's calibrate_cpu.js
#      (after a warm-up, the fastest of 15 timings of 20 iterations; iterations = 2 ms / that):
#      the same 2 ms of hashing per request, not the same iteration count, since OpenSSL and the
#      JDK hash at different speeds. Our side runs it with C2 (the JDK's SHA-256 intrinsics).
#  and the machine's own 2-process speed-up on the same hashing (node: one process alone, then
#  two at once, each the same work; 2 x alone / together), the yardstick of the CPU claim.
# Each wrk figure follows a 3 s warm-up run that is not counted. Prints one markdown table of
# medians with the ratios and the issue's targets, then every rep. Run it in the foreground on a
# machine as quiet as can be had (the load average is printed), and read the ratios.
#   bench/vs-node-cluster.sh
# Needs: node (20 here), wrk (apt-get install -y wrk), python3, a JDK 21+ (found by ./mvnj).
# Env: ANCHORS=<dir> (default ../shared/anchors/node); DUR=<s> wrk's measured run (default 10);
#      REPS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-../shared/anchors/node}
dur=${DUR:-10}
reps=${REPS:-3}
for f in server.js cluster_lifecycle.js lib.js calibrate_cpu.js; do
  [ -f "$anchors/$f" ] || { echo "no Node anchor $f in $anchors (set ANCHORS)" >&2; exit 1; }
done
command -v node >/dev/null || { echo "node not found (Node 20: apt-get install nodejs)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

work=$(mktemp -d)
pid=
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
for f in server.js cluster_lifecycle.js lib.js calibrate_cpu.js; do cp "$anchors/$f" "$work/"; done

./mvnj -o -B -q -pl bench -am package -DskipTests >&2
java="$(./mvnj --java-home)/bin/java"
jar=bench/target/benchmarks.jar
# Our single loop runs with the options of a C2 worker (ClusterSettings' minus C1-only).
single_opts=(-XX:+UseSerialGC -XX:-UsePerfData -Xmx64m -Xshare:auto)

echo "# Node $(node --version), $("$java" -version 2>&1 | head -1), $(nproc) cpus, $(date -u +%FT%TZ)" >&2
node_iters=$(node "$work/calibrate_cpu.js" 2)
our_iters=$("$java" "${single_opts[@]}" -cp "$jar" io.execmodels.bench.cluster.HashWork 2)
echo "# CPU_ITERS for 2 ms: Node $node_iters, ours (C2) $our_iters" >&2

# start <side> <mode> <workers> <jit> <port>: starts a server and waits for its READY line.
start() {
  local side=$1 mode=$2 workers=$3 jit=$4 port=$5 iters
  if [ "$side" = node ]; then
    iters=$node_iters
    PORT=$port MODE=$mode WORKERS=$workers CPU_ITERS=$iters node "$work/server.js" \
      > "$work/out" 2>&1 &
  else
    iters=$our_iters
    PORT=$port MODE=$mode WORKERS=$workers CPU_ITERS=$iters WORKER_JIT=$jit \
      "$java" "${single_opts[@]}" -cp "$jar" io.execmodels.bench.cluster.ClusterHttpServer \
      > "$work/out" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 600); do
    grep -q READY "$work/out" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; echo "$side server died" >&2; exit 1; }
    sleep 0.1
  done
  echo "$side server did not start within 60 s" >&2; exit 1
}

# measure <name> <side> <mode> <workers> <jit> <conns> <port> <rep>: warm-up, then the measured
# run into $work/<name>.<rep>
measure() {
  local name=$1 side=$2 mode=$3 workers=$4 jit=$5 conns=$6 port=$7 rep=$8
  start "$side" "$mode" "$workers" "$jit" "$port"
  wrk -t2 -c"$conns" -d3s "http://127.0.0.1:$port/" > /dev/null
  wrk -t2 -c"$conns" -d"${dur}s" --latency "http://127.0.0.1:$port/" > "$work/$name.$rep"
  stop_server
  echo "  $name: $(grep Requests/sec "$work/$name.$rep")" >&2
}

# lifecycle <name> <port> <rep> <command...>: the lifecycle figures' lines into $work/<name>.<rep>
lifecycle() {
  local name=$1 port=$2 rep=$3
  shift 3
  PORT=$port ANCHOR_RETRIES=0 timeout 300 "$@" > "$work/$name.$rep" 2> "$work/$name.$rep.err" \
    || { cat "$work/$name.$rep.err" >&2; echo "$name failed" >&2; exit 1; }
  echo "  $name: $(grep -v '^#' "$work/$name.$rep" | tr '\n' ' ')" >&2
}

# speedup <rep>: seconds for the hashing alone, then for two processes at once, each the same.
speedup() {
  local rep=$1 n=$((node_iters * 400)) t0 t1 t2
  local js="const c=require('crypto');const B=Buffer.alloc(65536,7);let h=B;
for(let i=0;i<$n;i++)h=c.createHash('sha256').update(B).update(h).digest();"
  t0=$(date +%s%N); node -e "$js"; t1=$(date +%s%N)
  node -e "$js" & local a=$!
  node -e "$js"; wait "$a"; t2=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(( (t2 - t1) / 1000000 ))" > "$work/speedup.$rep"
  echo "  2-process speed-up: alone $(( (t1 - t0) / 1000000 )) ms, two at once $(( (t2 - t1) / 1000000 )) ms" >&2
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for rep in $(seq "$reps"); do
  echo "round $rep, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  lifecycle lc-node 18101 "$rep" node "$work/cluster_lifecycle.js" 5
  lifecycle lc-c1 18102 "$rep" env WORKER_JIT=c1 "$java" -cp "$jar" \
    io.execmodels.bench.cluster.ClusterLifecycle 5 2
  lifecycle lc-c2 18103 "$rep" env WORKER_JIT=c2 "$java" -cp "$jar" \
    io.execmodels.bench.cluster.ClusterLifecycle 5 2
  measure hello-node node hello 2 - 64 18111 "$rep"
  measure hello-c1 ours hello 2 c1 64 18112 "$rep"
  measure hello-c2 ours hello 2 c2 64 18113 "$rep"
  measure cpu1-node node cpu 0 - 64 18121 "$rep"
  measure cpu2-node node cpu 2 - 64 18122 "$rep"
  measure cpu1-ours ours cpu 0 c2 64 18123 "$rep"
  measure cpu2-ours ours cpu 2 c2 64 18124 "$rep"
  speedup "$rep"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$reps" "$load_before" "$load_after" "$(nproc)" "$dur" "$node_iters" \
  "$our_iters" <<'PY'
import re, sys
work, reps = sys.argv[1], int(sys.argv[2])
before, after, cpus, dur, node_iters, our_iters = sys.argv[3:]
def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
def ms(v, u):
    return float(v) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[u]
notes = []
def wrk(name):
    out_runs = []
    for r in range(1, reps + 1):
        out = open("%s/%s.%d" % (work, name, r)).read()
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        errs = re.search(r"Socket errors: (.*)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if errs or non2xx:
            notes.append("%s rep %d: socket errors %s, non-2xx %s"
                         % (name, r, errs.group(1) if errs else "0",
                            non2xx.group(1) if non2xx else "0"))
        out_runs.append((rps, ms(*p99.groups())))
    return out_runs
def lc(name, figure):
    vals = []
    for r in range(1, reps + 1):
        m = re.search(r"^%s: ([\d.]+) ms" % figure, open("%s/%s.%d" % (work, name, r)).read(), re.M)
        vals.append(float(m.group(1)))
    return vals
every = []
def row(label, ours, node, unit, target, better_high):
    o, n = median(ours), median(node)
    r = o / n
    if target is None:
        verdict = "-"
    else:
        met = r >= target if better_high else r <= target
        verdict = "%s %.1fx: %s" % ("≥" if better_high else "≤", target, "met" if met else "missed")
    fmt = "%.0f" if unit == "req/s" else "%.1f"
    print(("| %s | " + fmt + " %s | " + fmt + " %s | %.2fx | %s |") % (label, n, unit, o, unit, r, verdict))
    every.append("%s: ours %s; baseline %s" % (label, ", ".join(fmt % x for x in ours),
                                               ", ".join(fmt % x for x in node)))
print("| figure | baseline | ours | ours / baseline | target |")
print("| --- | --- | --- | --- | --- |")
fork = "cluster_fork_2_workers_until_listening"
crash = "cluster_worker_crash_to_replacement_listening"
notice = "cluster_worker_crash_to_primary_exit_event"
for jit in ("c1", "c2"):
    row("(a) fork → 2 listening, workers %s (baseline: Node)" % jit.upper(),
        lc("lc-" + jit, fork), lc("lc-node", fork), "ms", 2.0, False)
for jit in ("c1", "c2"):
    row("(b) crash → replacement listening, workers %s (baseline: Node)" % jit.upper(),
        lc("lc-" + jit, crash), lc("lc-node", crash), "ms", 2.0, False)
    row("(b') crash → primary's exit event, workers %s (baseline: Node)" % jit.upper(),
        lc("lc-" + jit, notice), lc("lc-node", notice), "ms", None, False)
hn = wrk("hello-node")
for jit in ("c1", "c2"):
    h = wrk("hello-" + jit)
    row("(c) hello req/s, cluster of 2, workers %s (baseline: Node's cluster of 2)" % jit.upper(),
        [x[0] for x in h], [x[0] for x in hn], "req/s", 1.3, True)
    row("(c) hello p99, cluster of 2, workers %s (baseline: Node's cluster of 2)" % jit.upper(),
        [x[1] for x in h], [x[1] for x in hn], "ms", 1.0, False)
c1n, c2n, c1o, c2o = wrk("cpu1-node"), wrk("cpu2-node"), wrk("cpu1-ours"), wrk("cpu2-ours")
row("(d) CPU endpoint req/s, Node: cluster of 2 (baseline: Node's one loop)",
    [x[0] for x in c2n], [x[0] for x in c1n], "req/s", None, True)
row("(d) CPU endpoint req/s, ours C2: cluster of 2 (baseline: our one loop)",
    [x[0] for x in c2o], [x[0] for x in c1o], "req/s", 1.7, True)
row("(d) CPU endpoint req/s, ours cluster of 2 (baseline: Node's cluster of 2)",
    [x[0] for x in c2o], [x[0] for x in c2n], "req/s", None, True)
row("(d) CPU endpoint p99, ours cluster of 2 (baseline: Node's cluster of 2)",
    [x[1] for x in c2o], [x[1] for x in c2n], "ms", None, False)
sp = []
for r in range(1, reps + 1):
    alone, both = map(float, open("%s/speedup.%d" % (work, r)).read().split())
    sp.append(2 * alone / both)
print("| machine's own 2-process speed-up (the same hashing, node) | 1 process | 2 at once | %.2fx | "
      "yardstick for (d) |" % median(sp))
print()
print("Medians of %d interleaved rounds; wrk -t2 -c64 -d%ss on 127.0.0.1 after a 3 s warm-up; "
      "lifecycle figures are each round's median of 5 reps after 1 warm-up. CPU endpoint: "
      "~2 ms of SHA-256 per request, CPU_ITERS Node %s, ours %s. Every round:"
      % (reps, dur, node_iters, our_iters))
print()
for line in every:
    print("- " + line)
print("- 2-process speed-up: " + ", ".join("%.2fx" % x for x in sp))
print()
print("Load average before %s, after %s (%s cpus; wrk, the servers and other work share them)."
      % (before, after, cpus))
for line in notes:
    print("- " + line)
PY
