#!/usr/bin/env bash
# The benchmarks' front door: runs every side-by-side script of bench/ whose reference runtime is
# here (Go, Node, CPython, wrk), one after the other in the foreground, and the bug benchmark (alone
# and beside Fray), then writes one markdown table of every figure (area, figure, unit, the
# original's value, ours, the ratio, the target and whether it is met) under a header naming the
# date, the machine and the versions, plus each script's own output. Each script compares in its
# own run, interleaved; the ratios are what to read, not the absolute figures. About an hour; a
# quiet machine helps.
#   bench/all.sh                 everything available
#   bench/all.sh node python     only the scripts whose name contains one of these words
# Writes bench/target/all/RESULTS.md (linked from the README) and one <script>.md per script.
# A script that fails is reported in the table's header and the others go on; the exit status is
# 1 if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
out=bench/target/all
mkdir -p "$out"
rm -f "$out"/*.md
py=${PYTHON:-python3}
command -v "$py" >/dev/null || { echo "python3 is needed to collect the tables" >&2; exit 1; }

# script, what it needs (commands), what it compares
scripts=(
  "vs-go.sh|go|csp beside Go 1.19"
  "vs-node.sh|node|eventloop beside Node 20 (loop, timers, promises)"
  "vs-node-http.sh|node wrk|eventloop's HTTP server beside Node's"
  "vs-node-cluster.sh|node wrk|cluster beside Node's cluster"
  "vs-python.sh|python3|process-pool beside CPython's ProcessPoolExecutor"
  "vs-python-gil.sh|python3|gil-threads beside CPython's GIL"
  "vs-python-asyncio.sh|python3|asyncio beside CPython's asyncio"
  "vs-python-futures.sh|python3|concurrent.futures beside CPython's"
  "vs-fray.sh||the bug benchmark beside Fray 0.9.2 (needs a JDK 25, ~8 min)"
)

wanted() {
  [ $# -eq 0 ] && return 0
  local name=$1; shift
  for w in "$@"; do [[ $name == *"$w"* ]] && return 0; done
  return 1
}

java="$(./mvnj --java-home)/bin/java"
{
  echo "# execmodels benchmarks, $(date -u +%F)"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs),"\
    "$(($(grep MemTotal /proc/meminfo | awk '{print $2}') / 1024 / 1024)) GiB, $(uname -sr)"
  echo "- load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JDK: $("$java" -version 2>&1 | head -n 1)"
  echo "- Go: $(go version 2>/dev/null || echo absent); Node: $(node --version 2>/dev/null || echo absent);"\
    "CPython: $("$py" --version 2>&1); wrk: $(command -v wrk >/dev/null && echo present || echo absent)"
} > "$out/header.md"

failed=()
skipped=()
ran=()
for entry in "${scripts[@]}"; do
  IFS='|' read -r script needs what <<<"$entry"
  wanted "$script" "$@" || continue
  if [ ! -x "bench/$script" ] && [ ! -f "bench/$script" ]; then
    skipped+=("$script (not in this checkout)")
    continue
  fi
  missing=
  for n in $needs; do command -v "$n" >/dev/null || missing="$missing $n"; done
  if [ -n "$missing" ]; then
    skipped+=("$script (needs$missing)")
    continue
  fi
  echo "== $script: $what" >&2
  if bash "bench/$script" > "$out/${script%.sh}.md"; then
    ran+=("$script")
  else
    failed+=("$script")
  fi
done

if wanted "bughunt" "$@"; then
  echo "== bug benchmark (BugHunt, 5 seeds)" >&2
  ./mvnj -o -B -q -pl bench -am package -DskipTests >&2 \
    || ./mvnj -B -q -pl bench -am package -DskipTests >&2
  if "$java" --add-opens java.base/java.lang=ALL-UNNAMED -cp bench/target/benchmarks.jar \
      io.execmodels.bench.bugs.BugHunt 5 > "$out/bughunt.md"; then
    ran+=("BugHunt")
  else
    failed+=("BugHunt")
  fi
fi

"$py" - "$out" "${ran[*]:-}" "${skipped[*]:-}" "${failed[*]:-}" <<'PY'
import pathlib, re, sys

out = pathlib.Path(sys.argv[1])
ran, skipped, failed = sys.argv[2], sys.argv[3], sys.argv[4]

def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]

def tables(text):
    """Each markdown table of a script's output: its header cells and rows."""
    lines, found, i = text.splitlines(), [], 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and re.match(r"^\s*\|\s*-", lines[i + 1]):
            header, rows, i = cells(lines[i]), [], i + 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(cells(lines[i]))
                i += 1
            found.append((header, rows))
        else:
            i += 1
    return found

def column(header, *patterns, avoid=()):
    for p in patterns:
        for k, h in enumerate(header):
            if re.search(p, h, re.I) and not any(re.search(a, h, re.I) for a in avoid):
                return k
    return None

ORIGINAL = (r"^Go\b", r"^Node\b", r"CPython", r"Python 3")
OURS = (r"^csp", r"^eventloop", r"^cluster", r"^gilsim", r"^execmodels", r"^ours")
rows = []
for md in sorted(out.glob("*.md")):
    if md.name in ("RESULTS.md", "header.md", "bughunt.md", "vs-fray.md"):
        continue
    for header, body in tables(md.read_text(errors="replace")):
        fig = column(header, r"figure", r"endpoint", r"program")
        ratios = (r" vs ", r"ratio", r"\w / \w")
        orig = column(header, *ORIGINAL, avoid=ratios)
        ours = column(header, *OURS, avoid=ratios)
        ratio = column(header, *ratios)
        if fig is None or ours is None or ratio is None:
            continue
        unit, target, met = column(header, r"^unit"), column(header, r"^target"), column(header, r"^met")
        get = lambda r, k: (r[k] if k is not None and k < len(r) else "")
        for r in body:
            rows.append([md.stem, get(r, fig), get(r, unit), get(r, orig), get(r, ours),
                         get(r, ratio), get(r, target), get(r, met)])

doc = [(out / "header.md").read_text().rstrip(), ""]
doc.append(f"- ran: {ran or 'nothing'}")
if skipped:
    doc.append(f"- skipped: {skipped}")
if failed:
    doc.append(f"- FAILED: {failed} (see its .md beside this file)")
doc += ["", "| area | figure | unit | original | ours | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |"]
doc += ["| " + " | ".join(r) + " |" for r in rows]
doc += ["", "Each area's script compares both sides in its own run, interleaved; its own output,"
        " with every rep and the conditions, is in the .md of its name beside this file."]
bug = out / "bughunt.md"
if bug.exists():
    doc += ["", "## Bug benchmark (testkit's search strategies, 26 programs x 5 seeds)", "",
            bug.read_text(errors="replace").strip()]
fray = out / "vs-fray.md"
if fray.exists():
    doc += ["", "## Bug benchmark beside Fray (bench/vs-fray.sh)", "",
            fray.read_text(errors="replace").strip()]
(out / "RESULTS.md").write_text("\n".join(doc) + "\n")
print("\n".join(doc))
PY
[ ${#failed[@]} -eq 0 ]
