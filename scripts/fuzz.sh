#!/usr/bin/env bash
# Long fuzz runs: scripts/fuzz.sh [TARGET] [SECONDS]. Without a target, each
# target in turn; SECONDS (default 600) per target. The committed seeds
# (fuzz/seeds/TARGET) are copied into the working corpus (fuzz/corpus/TARGET,
# gitignored, kept between runs); crashes land in fuzz/artifacts/TARGET.
# Needs a nightly toolchain and cargo-fuzz (cargo install --locked cargo-fuzz).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

seconds="${2:-600}"
if [ $# -ge 1 ] && [ -n "$1" ]; then
    targets=("$1")
else
    targets=(parse tracker taxonomy explorer)
fi

for target in "${targets[@]}"; do
    if [ ! -f "fuzz_targets/$target.rs" ]; then
        echo "fuzz.sh: no fuzz target \`$target\` (fuzz/fuzz_targets/)" >&2
        exit 2
    fi
    mkdir -p "corpus/$target"
    cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
    echo "fuzzing $target for ${seconds}s" >&2
    # One job: the machine's cores are shared. -timeout reports hangs.
    nice -n 10 cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
        -dict="dict/$target.dict" -max_total_time="$seconds" -timeout=10 \
        -print_final_stats=1
done
