#!/usr/bin/env bash
# The eventloop HTTP server beside Node's, in one run on this machine, under Debian's wrk on
# 127.0.0.1: hello (wrk -t2 -c64 -d10s) and a 10 ms-wait endpoint (-c256), Node's anchor server
# (a copy of ../shared/anchors/node/server.js, single process) and ours
# (io.execmodels.bench.eventloop.HttpHelloServer, one loop) in turn, each after a 3 s warm-up run
# that is not counted. Prints one markdown table of req/s and p99 with the ratios and the issue's
# targets. About 4 minutes; run it in the foreground and read the ratios, not the absolute
# figures (the load average is printed: other work on the machine shows there).
#   bench/vs-node-http.sh
# Needs: node (20 here), wrk (apt-get install -y wrk), python3, a JDK 21+ (found by ./mvnj).
# Env: ANCHORS=<dir> (default ../shared/anchors/node); DUR=<s> (default 10); REPS (default 3:
#      each side measured REPS times per endpoint, interleaved; the table shows the medians of
#      req/s and of p99, every rep is listed under it).
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-../shared/anchors/node}
dur=${DUR:-10}
reps=${REPS:-3}
[ -f "$anchors/server.js" ] || { echo "no Node anchors at $anchors (set ANCHORS)" >&2; exit 1; }
command -v node >/dev/null || { echo "node not found (Node 20: apt-get install nodejs)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }

work=$(mktemp -d)
pid=
stop_server() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    wait "$pid" 2>/dev/null || true
  fi
  pid=
}
trap 'stop_server; rm -rf "$work"' EXIT
cp "$anchors/server.js" "$work/server.js"

./mvnj -o -B -q -pl bench -am package -DskipTests >&2
java="$(./mvnj --java-home)/bin/java"
jar=bench/target/benchmarks.jar

# start <side> <mode> <port>: starts a server and waits for its READY line.
start() {
  local side=$1 mode=$2 port=$3
  if [ "$side" = node ]; then
    PORT=$port MODE=$mode WORKERS=0 node "$work/server.js" > "$work/out" 2>&1 &
  else
    "$java" -cp "$jar" io.execmodels.bench.eventloop.HttpHelloServer "$mode" "$port" \
      > "$work/out" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 300); do
    grep -q READY "$work/out" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/out" >&2; echo "$side server died" >&2; exit 1; }
    sleep 0.1
  done
  echo "$side server did not start" >&2; exit 1
}

# measure <side> <mode> <conns> <port>: one warm-up, then the measured run into $work/<side>-<mode>.N
measure() {
  local side=$1 mode=$2 conns=$3 port=$4 rep=$5
  start "$side" "$mode" "$port"
  wrk -t2 -c"$conns" -d3s "http://127.0.0.1:$port/" > /dev/null
  wrk -t2 -c"$conns" -d"${dur}s" --latency "http://127.0.0.1:$port/" > "$work/$side-$mode.$rep"
  stop_server
  echo "  $side $mode -c$conns: $(grep Requests/sec "$work/$side-$mode.$rep")" >&2
}

echo "# Node $(node --version), $("$java" -version 2>&1 | head -1), $(nproc) cpus, $(date -u +%FT%TZ)" >&2
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for rep in $(seq "$reps"); do
  measure node hello 64 18091 "$rep"
  measure eventloop hello 64 18092 "$rep"
  measure node io 256 18093 "$rep"
  measure eventloop io 256 18094 "$rep"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$work" "$reps" "$load_before" "$load_after" "$(nproc)" "$dur" <<'PY'
import re, sys
work, reps, before, after, cpus, dur = sys.argv[1], int(sys.argv[2]), *sys.argv[3:]
def ms(v, u):
    return float(v) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[u]
def runs(side, mode):
    out_runs = []
    for r in range(1, reps + 1):
        out = open("%s/%s-%s.%d" % (work, side, mode, r)).read()
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        errs = re.search(r"Socket errors: (.*)", out)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        out_runs.append((rps, ms(*p99.groups()), errs.group(1) if errs else "",
                         non2xx.group(1) if non2xx else ""))
    return out_runs
def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
print("| endpoint (wrk -t2 -d%ss) | Node 20 req/s | eventloop req/s | req/s vs Node | target | "
      "Node p99 | eventloop p99 | p99 vs Node | target |" % dur)
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
notes = []
reps_lines = []
for mode, label, target in (("hello", "hello, -c64", 1.5), ("io", "10 ms wait, -c256", None)):
    nr, orr = runs("node", mode), runs("eventloop", mode)
    n = (median([x[0] for x in nr]), median([x[1] for x in nr]))
    o = (median([x[0] for x in orr]), median([x[1] for x in orr]))
    r = o[0] / n[0]
    p = o[1] / n[1]
    t1 = ("≥ %.1fx: %s" % (target, "met" if r >= target else "missed")) if target else "-"
    t2 = ("≤ 1.0x: %s" % ("met" if p <= 1.0 else "missed")) if target else "-"
    print("| %s | %.0f | %.0f | %.2fx | %s | %.2f ms | %.2f ms | %.2fx | %s |"
          % (label, n[0], o[0], r, t1, n[1], o[1], p, t2))
    for side, xs in (("Node", nr), ("eventloop", orr)):
        reps_lines.append("%s %s: %s" % (side, label, ", ".join(
            "%.0f req/s p99 %.2f ms" % (x[0], x[1]) for x in xs)))
        for x in xs:
            if x[2] or x[3]:
                notes.append("%s %s: socket errors %s, non-2xx %s" % (side, mode, x[2] or "0",
                                                                     x[3] or "0"))
print()
print("Medians of %d reps each, interleaved. Every rep:" % reps)
print()
for line in reps_lines:
    print("- " + line)
print()
print("Load average before %s, after %s (%s cpus; wrk, the server and other work share them)."
      % (before, after, cpus))
for line in notes:
    print("- " + line)
PY
