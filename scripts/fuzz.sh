#!/usr/bin/env bash
# Long fuzz runs: scripts/fuzz.sh [TARGET] [SECONDS]. Without a target, each
# target in turn; SECONDS (default 600) per target. The committed seeds
# (fuzz/seeds/TARGET) are copied into the working corpus (fuzz/corpus/TARGET,
# gitignored, kept between runs); crashes land in fuzz/artifacts/TARGET.
# Needs a nightly toolchain and cargo-fuzz (cargo install --locked cargo-fuzz).
# With FUZZ_RUNS=N in the environment a target runs N inputs from the fixed
# seed FUZZ_SEED (default 1) instead of for SECONDS: the same inputs on every
# machine, which is what CI wants (a run that passes here passes there).
# FUZZ_CORPUS=DIR keeps the working corpus in DIR/TARGET instead.
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
    corpus="${FUZZ_CORPUS:-corpus}/$target"
    mkdir -p "$corpus"
    cp -n seeds/"$target"/* "$corpus/" 2>/dev/null || true
    if [ -n "${FUZZ_RUNS:-}" ]; then
        budget=(-runs="$FUZZ_RUNS" -seed="${FUZZ_SEED:-1}")
        echo "fuzzing $target for $FUZZ_RUNS runs from seed ${FUZZ_SEED:-1}" >&2
    else
        budget=(-max_total_time="$seconds")
        echo "fuzzing $target for ${seconds}s" >&2
    fi
    # One job: the machine's cores are shared. -timeout reports hangs.
    nice -n 10 cargo +nightly fuzz run -O "$target" "$corpus" -- \
        -dict="dict/$target.dict" "${budget[@]}" -timeout=10 \
        -print_final_stats=1
done
