#!/usr/bin/env bash
# Side-by-side benchmark on one synthetic corpus: protokoll's full build against Hugo + Pagefind
# (given the same corpus as one page per paragraph), and the floors: copying the finished output tree
# and reading the input. Runs alternate between the tools; everything lives on tmpfs (/dev/shm).
# Prints the median wall and CPU time, peak memory and the ratios, then times one-file edits in
# `protokoll serve` (scripts/serve_edits.py).
#
#   bash scripts/bench.sh [MEETINGS] [RUNS]        defaults: 2000 meetings, 5 runs
#   PEERS=no bash scripts/bench.sh 20000 3         protokoll and the floors only
#   SEED=2 KEEP=yes bash scripts/bench.sh          another corpus; keep /dev/shm/protokoll-bench-N
#   SERVE=no bash scripts/bench.sh                 without the edits in `protokoll serve`
set -euo pipefail
cd "$(dirname "$0")/.."
meetings=${1:-2000}
runs=${2:-5}
seed=${SEED:-1}
peers=${PEERS:-yes}
work=/dev/shm/protokoll-bench-$meetings
tools=/dev/shm/protokoll-bench-tools

# Tools, installed when missing (Debian's hugo and time; pagefind 1.x from npm, whose package ships
# the binary).
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
if [ "$peers" = yes ] && ! command -v hugo >/dev/null; then need_apt+=(hugo); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
pagefind=$tools/node_modules/.bin/pagefind
if [ "$peers" = yes ] && [ ! -x "$pagefind" ]; then
  mkdir -p "$tools" && npm install --silent --prefix "$tools" pagefind >/dev/null
fi
if [ "$peers" = yes ] && ! command -v zola >/dev/null; then
  echo "zola: not installed and not installable here (not in Debian 12, not on crates.io, npm or PyPI); skipped"
fi

cargo build --release --quiet --bin protokoll --example synth
protokoll=$PWD/target/release/protokoll
rm -rf "$work"
mkdir -p "$work"
synth_args=(--meetings "$meetings" --seed "$seed")
[ "$peers" = yes ] && synth_args+=(--hugo "$work/hugo")
./target/release/examples/synth "${synth_args[@]}" "$work/site"

results=$work/results.txt
: >"$results"
# measure NAME COMMAND...: one timed run, appended to the results as "NAME wall user sys maxrss_kb".
measure() {
  local name=$1
  shift
  if ! /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt"; then
    echo "$name failed:" >&2
    tail -20 "$work/err.txt" >&2
    exit 1
  fi
  echo "$name $(tail -1 "$work/time.txt")" >>"$results"
}

for run in $(seq 1 "$runs"); do
  echo "run $run of $runs" >&2
  rm -rf "$work/out-protokoll" "$work/out-hugo" "$work/copy"
  measure protokoll "$protokoll" build --root "$work/site" --output "$work/out-protokoll"
  if [ "$peers" = yes ]; then
    measure hugo hugo --quiet --source "$work/hugo" --destination "$work/out-hugo"
    measure pagefind "$pagefind" --site "$work/out-hugo"
  fi
  measure copy cp -r "$work/out-protokoll" "$work/copy"
  measure read sh -c "find '$work/site' -type f -print0 | xargs -0 cat >/dev/null"
done

# One-file edits in `protokoll serve`, on a fresh copy of the corpus (the builds above sealed its
# justerade protokoll in justerade.toml, and a sealed protokoll may only change by a rättelse).
if [ "${SERVE:-yes}" = yes ]; then
  echo "serve: edits of one protokoll at a time" >&2
  rm -rf "$work/serve-site" "$work/serve-out"
  ./target/release/examples/synth --meetings "$meetings" --seed "$seed" "$work/serve-site" >/dev/null
  python3 scripts/serve_edits.py "$protokoll" "$work/serve-site" "$work/serve-out" 9 >"$work/serve.txt"
fi

python3 - "$work" "$meetings" "$runs" <<'EOF'
import os, statistics, sys, collections
work, meetings, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = collections.defaultdict(list)
for line in open(os.path.join(work, "results.txt")):
    name, wall, user, sys_, rss = line.split()
    rows[name].append((float(wall), float(user) + float(sys_), int(rss) / 1024))
# Hugo and Pagefind run one after the other: their sum per run is the peer's build.
if "hugo" in rows:
    rows["hugo + pagefind"] = [
        (h[0] + p[0], h[1] + p[1], max(h[2], p[2])) for h, p in zip(rows["hugo"], rows["pagefind"])
    ]

def tree(path):
    files, size, kinds = 0, 0, collections.Counter()
    for d, _, names in os.walk(path):
        for n in names:
            files += 1
            size += os.path.getsize(os.path.join(d, n))
            kinds[os.path.splitext(n)[1] or n] += 1
    return files, size / 1e6, kinds

def median(name, i):
    return statistics.median(r[i] for r in rows[name])

print(f"\nmachine: {os.cpu_count()} cores, load average {open('/proc/loadavg').read().split()[0]} at the end")
files, mb, _ = tree(os.path.join(work, "site"))
print(f"corpus: {meetings} meetings, {files} input files ({mb:.0f} MB); {runs} runs, medians")
files, mb, kinds = tree(os.path.join(work, "out-protokoll"))
print(f"protokoll output: {files} files ({mb:.0f} MB): " + ", ".join(f"{n} {k}" for k, n in kinds.most_common(8)))
if os.path.isdir(os.path.join(work, "out-hugo")):
    files, mb, kinds = tree(os.path.join(work, "out-hugo"))
    print(f"hugo + pagefind output: {files} files ({mb:.0f} MB), {kinds['.html']} html")
labels = {
    "protokoll": "protokoll build (full)",
    "hugo": "hugo",
    "pagefind": "pagefind",
    "hugo + pagefind": "hugo + pagefind",
    "copy": "floor: cp -r of the output",
    "read": "floor: cat of the input",
}
print(f"\n| {'what':30} | wall (s) | CPU (s) | peak memory (MB) |")
print(f"| {'-' * 30} | -------: | ------: | ---------------: |")
for name, label in labels.items():
    if name in rows:
        print(f"| {label:30} | {median(name, 0):8.2f} | {median(name, 1):7.2f} | {max(r[2] for r in rows[name]):16.0f} |")
print()
p_wall, p_cpu = median("protokoll", 0), median("protokoll", 1)
if "hugo + pagefind" in rows:
    print(f"protokoll / (hugo + pagefind): {p_wall / median('hugo + pagefind', 0):.3f} wall, "
          f"{p_cpu / median('hugo + pagefind', 1):.3f} CPU   (target ≤ 0.25)")
print(f"protokoll / copy floor:        {p_wall / median('copy', 0):.2f} wall   (target ≤ 2.5)")
print(f"protokoll / read floor:        {p_wall / median('read', 0):.1f} wall")
print(f"protokoll peak memory:         {max(r[2] for r in rows['protokoll']):.0f} MB   (target ≤ 1024)")
serve = os.path.join(work, "serve.txt")
if os.path.exists(serve):
    print("\nprotokoll serve, one-file edits (the time serve reports for each incremental rebuild):")
    print(open(serve).read().rstrip())
EOF

[ "${KEEP:-no}" = yes ] || rm -rf "$work"
