#!/usr/bin/env bash
# `npm start`: set up, build the WebAssembly modules, the example data and the embeddable
# example, then serve the page on http://127.0.0.1:${PORT:-8080}/ (scripts/serve.mjs; Ctrl-C
# stops; the docs example is at /www/examples/docs.html).
# `npm start -- --cli` instead runs the former command-line demo: build the release CLI and
# train + evaluate a classifier (20 Newsgroups from ../shared/data or $TEXTCLF_DATA_DIR when
# present, otherwise the bundled examples/demo.csv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

MODE=web
for arg in "$@"; do
    case "$arg" in
        --cli) MODE=cli ;;
        -h|--help)
            sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *) echo "[start] unknown argument: $arg (try --cli or --help)" >&2; exit 2 ;;
    esac
done

bash scripts/setup.sh

if [ "$MODE" = cli ]; then
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
    exec "${cmd[@]}"
fi

bash scripts/build-wasm.sh

echo "[start] building the embeddable classifier and its example (scripts/build-embed.sh)"
bash scripts/build-embed.sh

echo "[start] building the example data (scripts/example-data.mjs)"
node scripts/example-data.mjs

echo "[start] serving the page (PORT=${PORT:-8080})"
exec node scripts/serve.mjs
