#!/usr/bin/env bash
# scripts/quality.sh [DIR]: recall, precision and primary-theme accuracy of
# the parser over the statements in DIR (default tests/fixtures) that have
# an expected file DIR/expected/NAME.tsv (theme, actor, modality and text of
# each commitment a careful reader marks, tab-separated, one per line).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release --quiet --example quality -- "${1:-tests/fixtures}"
