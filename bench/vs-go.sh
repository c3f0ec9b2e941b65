#!/usr/bin/env bash
# The csp figures beside real Go's, in one run on this machine: builds the Go anchor programs
# (../shared/anchors/go, Go 1.19 from Debian, GOMAXPROCS=2) and the JMH benchmarks, runs both, and
# prints one table with the ratio for each figure; then a second one for csp on a carrier of its
# own (option csp.carrier=own) beside Go with GOMAXPROCS=1, one processor each. Takes about 12
# minutes; run it in the foreground on a quiet machine, and read the ratios, not the absolute
# figures.
#   bench/vs-go.sh
# Needs: go (apt-get install golang-go), python3, a JDK 21+ (found by ./mvnj).
set -euo pipefail
cd "$(dirname "$0")/.."
anchors=${ANCHORS:-../shared/anchors/go}
[ -d "$anchors/bench" ] || { echo "no Go anchors at $anchors (set ANCHORS)" >&2; exit 1; }
command -v go >/dev/null || { echo "go not found: apt-get install golang-go" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$anchors/bench" "$work/go"
(cd "$work/go" && go build -o "$work/gobench" .)

echo "# Go $(go version | awk '{print $3}'), GOMAXPROCS=2" >&2
for sub in pingpong spsc mpmc fanin spawn sleep ctx; do
  GOMAXPROCS=2 "$work/gobench" -reps 5 "$sub" >> "$work/go.raw"
done
for sub in pingpong spsc mpmc spawn sleep; do
  GOMAXPROCS=1 "$work/gobench" -reps 5 "$sub" >> "$work/go1.raw"
done

./mvnj -B -q -pl bench -am package -DskipTests >&2
java="$(./mvnj --java-home)/bin/java"
# java.lang open to core: csp.carrier=own builds virtual threads on the model's own carrier (the
# JMH forks inherit this JVM's flags).
opens=--add-opens=java.base/java.lang=ALL-UNNAMED
"$java" $opens -jar bench/target/benchmarks.jar "PingPong|ChannelThroughput|Scale|CancelFanOut" \
  -rf json -rff "$work/jmh.json" >&2
"$java" $opens -jar bench/target/benchmarks.jar \
  'PingPong.channel$|ChannelThroughput.(spsc|mpmc)$|Scale.(spawnJoin1M|sleep100k)$' \
  -p options=csp.carrier=own -rf json -rff "$work/jmh-own.json" >&2

# Peak RSS needs a fresh process per figure, each under /usr/bin/time, Go's and ours alike.
rss() {  # rss NAME COMMAND...: appends "RSS NAME kB"
  /usr/bin/time -f "%M" -o "$work/tv" "${@:2}" >&2
  echo "RSS $1 $(tail -n 1 "$work/tv")" >> "$work/rss.raw"
}
for kind in spawn parked; do
  sub=$([ "$kind" = spawn ] && echo spawn || echo spawnparked)
  GOMAXPROCS=2 rss "go-$kind" "$work/gobench" -reps 1 -warmup 0 "$sub"
  rss "csp-$kind" "$java" -cp bench/target/benchmarks.jar io.execmodels.bench.MillionGoroutines "$kind" csp
  rss "vt-$kind" "$java" -cp bench/target/benchmarks.jar io.execmodels.bench.MillionGoroutines "$kind" virtual-threads
done

python3 - "$work/go.raw" "$work/jmh.json" "$work/rss.raw" "$work/go1.raw" "$work/jmh-own.json" <<'PY'
import json, statistics, sys
def go_medians(path):
    runs = {}
    for line in open(path):
        parts = line.split()
        if parts and parts[0] == "RAW":
            runs.setdefault(parts[1].rsplit("_p", 1)[0], []).append(float(parts[2]))
    return {k: statistics.median(v) for k, v in runs.items()}
def jmh_scores(path):
    scores = {}
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
        scores[name] = r["primaryMetric"]["score"]
    return scores
go = go_medians(sys.argv[1])
jmh = jmh_scores(sys.argv[2])
# figure, Go figure name, unit, lower is better, execmodels benchmark, peers
rows = [
    ("unbuffered ping-pong", "a_chan_pingpong_unbuffered", "ns/round trip", True,
     "PingPong.channel", ["PingPong.synchronousQueueOnVirtualThreads", "PingPong.joxOnVirtualThreads"]),
    ("SPSC, buffer 1024", "b_chan_spsc_buf1024", "M msg/s", False,
     "ChannelThroughput.spsc", ["ChannelThroughput.spscArrayBlockingQueue", "ChannelThroughput.spscJox"]),
    ("MPMC 4x4, buffer 1024", "c_chan_mpmc_4p4c_buf1024", "M msg/s", False,
     "ChannelThroughput.mpmc", ["ChannelThroughput.mpmcArrayBlockingQueue"]),
    ("select fan-in, 4 buffered", "e_select_fanin_4ch_buf1024", "M msg/s", False,
     "ChannelThroughput.fanInBuffered", []),
    ("select fan-in, 4 unbuffered", "e2_select_fanin_4ch_unbuffered", "M msg/s", False,
     "ChannelThroughput.fanInUnbuffered", []),
    ("spawn + join 1M", "d_spawn_join_1M_trivial", "ms", True,
     "Scale.spawnJoin1M", ["Scale.spawnJoin1MVirtualThreads"]),
    ("100k x sleep 1 ms", "f_sleep1ms_100k_goroutines_wall", "ms", True, "Scale.sleep100k", []),
]
# Go's cancel figure times cancel() until all 10k exited; Scale.cancelFanOut10k also times
# spawning them, so it is shown beside Go's, not divided by it.
rows.append(("cancel seen by 10k parked in select, until all exited", "h_ctx_cancel_10k_all_exited",
             "us", True, "CancelFanOut.cancelUntilAllExited", []))
rss = {}
for line in open(sys.argv[3]):
    _, name, kb = line.split()
    rss[name] = float(kb) / 1024
def fmt(v):
    return "-" if v is None else ("%.1f" % v if v < 100 else "%.0f" % v)
def vs(g, o, lower):
    if not (g and o):
        return "-"
    better = (o <= g) if lower else (o >= g)
    times = (g / o) if lower else (o / g)
    return "%.2fx %s" % (times, "(meets)" if better else "(slower)")
print("| figure | unit | Go 1.19 | csp | csp vs Go | JVM peers |")
print("| --- | --- | --- | --- | --- | --- |")
for label, goname, unit, lower, ours, peers in rows:
    g = next((v for k, v in go.items() if k.startswith(goname)), None)
    o = jmh.get(ours)
    peer = ", ".join("%s %s" % (p.split(".")[1], fmt(jmh.get(p))) for p in peers)
    print("| %s | %s | %s | %s | %s | %s |" % (label, unit, fmt(g), fmt(o), vs(g, o, lower), peer))
for kind, label in (("spawn", "1M spawn + join: peak RSS"), ("parked", "1M parked at once: peak RSS")):
    g, o, vt = rss.get("go-" + kind), rss.get("csp-" + kind), rss.get("vt-" + kind)
    ratio = "-"
    if g and o:
        ratio = "%.2fx %s" % (g / o, "(meets)" if o <= g else "(more memory)")
    print("| %s | MiB | %s | %s | %s | virtual threads %s |" % (label, fmt(g), fmt(o), ratio, fmt(vt)))
go1 = go_medians(sys.argv[4])
own = jmh_scores(sys.argv[5])
print()
print("One processor each: csp with csp.carrier=own beside Go with GOMAXPROCS=1")
print()
print("| figure | unit | Go 1.19, GOMAXPROCS=1 | csp, csp.carrier=own | csp vs Go |")
print("| --- | --- | --- | --- | --- |")
for label, goname, unit, lower, ours, _ in rows:
    if ours in own:
        g = next((v for k, v in go1.items() if k.startswith(goname)), None)
        o = own[ours]
        print("| %s | %s | %s | %s | %s |" % (label, unit, fmt(g), fmt(o), vs(g, o, lower)))
PY
