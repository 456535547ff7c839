#!/usr/bin/env bash
# Demo (until the browser app lands): build the release CLI and train + evaluate a classifier.
# Uses the 20 Newsgroups CSVs from ../shared/data (or $TEXTCLF_DATA_DIR) when present,
# otherwise the small bundled examples/demo.csv.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh

echo "[start] building the release CLI (cargo build --release)"
cargo build --release

BIN="target/release/textclf"
DATA_DIR="${TEXTCLF_DATA_DIR:-$ROOT/../shared/data}"
TRAIN="$DATA_DIR/20news-bydate-train.csv.gz"
TEST="$DATA_DIR/20news-bydate-test.csv.gz"

if [ -f "$TRAIN" ] && [ -f "$TEST" ]; then
    cmd=("$BIN" train "$TRAIN" --test "$TEST" --max-df 0.5 --max-features 1000 --stop-words english)
    what="20 Newsgroups (train on the train split, report on the test split)"
else
    cmd=("$BIN" train examples/demo.csv --test-size 0.25)
    what="examples/demo.csv (20 Newsgroups data not found in $DATA_DIR)"
fi

echo "[start] demo on $what"
echo "[start] running: ${cmd[*]}"
"${cmd[@]}"
