#!/usr/bin/env bash
# Rerun the corpus-scale benchmarks and write their tables into BENCHMARKS.md.
#
#   scripts/bench.sh            everything: criterion, keystroke percentiles,
#                               whole-process comparison with fzf, peak memory
#   scripts/bench.sh --quick    skip `cargo bench --bench engine` (slow); its
#                               last results under target/criterion are reused
#
# Needs: cargo, hyperfine, fzf, GNU time (/usr/bin/time), python3.
# On Debian: apt-get install -y hyperfine fzf time python3
# Each table in BENCHMARKS.md sits between `<!-- NAME:begin -->` and
# `<!-- NAME:end -->` and is replaced whole; the prose around it is kept.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD
quick=0
for arg in "$@"; do
    case $arg in
        --quick) quick=1 ;;
        *) echo "bench.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

for tool in cargo hyperfine fzf python3; do
    command -v "$tool" >/dev/null || {
        echo "bench.sh: $tool is missing (Debian: apt-get install -y hyperfine fzf time python3)" >&2
        exit 2
    }
done
[ -x /usr/bin/time ] || { echo "bench.sh: /usr/bin/time is missing (apt-get install -y time)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
corpus=$work/corpus
lines=$work/corpus-lines.txt

cargo build --release --quiet --bin deltascope --example make-corpus
bin=$root/target/release/deltascope
"$root/target/release/examples/make-corpus" 1000 "$corpus" 2>/dev/null
# The same text as lines, for fzf.
cat "$corpus"/*.txt >"$lines"
corpus_bytes=$(cat "$corpus"/*.txt | wc -c)

# Replace the block NAME in BENCHMARKS.md with the contents of FILE.
put_block() {
    python3 - "$root/BENCHMARKS.md" "$1" "$2" <<'EOF'
import sys
path, name, block_file = sys.argv[1:]
text = open(path, encoding="utf-8").read()
begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
a, b = text.find(begin), text.find(end)
if a < 0 or b < a:
    sys.exit(f"bench.sh: BENCHMARKS.md has no {begin} ... {end} block")
block = open(block_file, encoding="utf-8").read().rstrip("\n")
text = text[: a + len(begin)] + "\n" + block + "\n" + text[b:]
open(path, "w", encoding="utf-8").write(text)
EOF
}

machine="$(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(date -u +%Y-%m-%d)"

# --- criterion medians -------------------------------------------------------
if [ "$quick" = 0 ]; then
    echo "Measured $(date -u +%Y-%m-%d), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start." >"$work/criterion.md"
    cargo bench --bench engine
else
    echo "Reused results of an earlier \`cargo bench --bench engine\` (\`scripts/bench.sh --quick\`)." >"$work/criterion.md"
fi
echo >>"$work/criterion.md"
python3 - "$root/target/criterion" >>"$work/criterion.md" <<'EOF'
import json, os, sys
base = sys.argv[1]
rows = []
for dirpath, dirnames, filenames in os.walk(base):
    if os.path.basename(dirpath) == "new" and "estimates.json" in filenames:
        bench = json.load(open(os.path.join(dirpath, "benchmark.json")))
        est = json.load(open(os.path.join(dirpath, "estimates.json")))
        # Typing order within a group: shorter prefixes first.
        key = (bench["group_id"], bench.get("function_id") or "",
               len(bench.get("value_str") or ""), bench["full_id"])
        rows.append((key, bench["full_id"], est["median"]["point_estimate"] / 1e6))
if not rows:
    sys.exit("bench.sh: no criterion results under target/criterion: run without --quick")
print("| benchmark (`cargo bench --bench engine`) | median ms |")
print("|---|---|")
for _, name, ms in sorted(rows):
    print(f"| {name} | {ms:.3f} |")
EOF
put_block criterion "$work/criterion.md"

# --- keystroke percentiles ---------------------------------------------------
echo "Load average $(cut -d' ' -f1-3 /proc/loadavg) at start." >"$work/keys.md"
cargo bench --quiet --bench keystrokes >>"$work/keys.md"
put_block keystrokes "$work/keys.md"

# --- whole process against fzf -----------------------------------------------
{
    echo "Corpus: 1,000 statements, $corpus_bytes bytes; machine: $machine."
    echo
    echo "| query | \`deltascope search --limit 20\` median ms | \`fzf --filter\` median ms | deltascope / fzf |"
    echo "|---|---|---|---|"
} >"$work/fzf.md"
for query in "Taihu" "G60 corridor" "medical insurance"; do
    hyperfine --style none --warmup 3 --runs 20 --export-json "$work/h.json" \
        -n deltascope "$bin search --limit 20 '$query' $corpus" \
        -n fzf "fzf --filter '$query' < $lines" >/dev/null
    python3 - "$work/h.json" "$query" >>"$work/fzf.md" <<'EOF'
import json, sys
results = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
ours, fzf = results["deltascope"], results["fzf"]
print(f"| {sys.argv[2]} | {ours:.0f} | {fzf:.0f} | {ours / fzf:.2f} |")
EOF
done
put_block fzf "$work/fzf.md"

# --- peak memory ---------------------------------------------------------------
{
    echo "| command | query | max RSS MB (median of 5) | corpus MB | RSS / corpus |"
    echo "|---|---|---|---|---|"
} >"$work/mem.md"
for way in "deltascope search"; do
    for query in "Taihu" "G60 corridor" "medical insurance"; do
        for _ in 1 2 3 4 5; do
            /usr/bin/time -f "%M" "$bin" search --limit 20 "$query" "$corpus" 2>&1 >/dev/null | tail -n 1
        done | sort -n | sed -n 3p >"$work/rss"
        python3 - "$(cat "$work/rss")" "$corpus_bytes" "$way" "$query" >>"$work/mem.md" <<'EOF'
import sys
kb, corpus, way, query = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"| {way} | {query} | {kb * 1024 / 1e6:.1f} | {corpus / 1e6:.1f} | {kb * 1024 / corpus:.1f} |")
EOF
    done
done
put_block memory "$work/mem.md"

echo "bench.sh: tables written into BENCHMARKS.md"
