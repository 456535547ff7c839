#!/usr/bin/env bash
# The embeddable classifier (www/embed.js, <text-classifier>): its predict-only wasm builds
# and the example model of www/examples/docs.html.
#   www/pkg/embed/          --features embed, built with -C target-feature=+simd128
#   www/pkg/embed-scalar/   the same without SIMD (embed.js picks one by feature detection)
#   www/examples/docs-model.safetensors
#                           trained by the release CLI on examples/docs-questions.csv (int8)
# Each wasm: cargo build (wasm32-unknown-unknown, --no-default-features --features embed, its
# own target dir) → wasm-bindgen --target web → wasm-opt -O3 (npm binaryen, never Debian's,
# which corrupts wasm-bindgen's output). wasm-bindgen/wasm-opt are skipped when cargo's .wasm
# is unchanged; the model is retrained only when it is older than the data, the CLI or this
# script. Prints the payload of a page using the element: gzipped wasm, JS glue, embed.js
# and model. Run scripts/setup.sh first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[build-embed] %s\n' "$*"; }
TARGET=wasm32-unknown-unknown
CRATE=textclf
DATA=examples/docs-questions.csv
MODEL=www/examples/docs-model.safetensors
CLI=target/release/textclf

# shellcheck source=scripts/wasm-lib.sh
. scripts/wasm-lib.sh

wasm_build www/pkg/embed target/wasm-embed "-C target-feature=+simd128" "--enable-simd" --features embed
wasm_build www/pkg/embed-scalar target/wasm-embed-scalar "-C target-feature=-simd128" "" --features embed

check_simd "www/pkg/embed/${CRATE}_bg.wasm" "www/pkg/embed-scalar/${CRATE}_bg.wasm"

# The example model of www/examples/docs.html.
if [ ! -x "$CLI" ]; then
    say "building the release CLI (cargo build --release)"
    cargo build --release
fi
if [ -f "$MODEL" ] && [ "$MODEL" -nt "$DATA" ] && [ "$MODEL" -nt "$CLI" ] && [ "$MODEL" -nt scripts/build-embed.sh ]; then
    say "$MODEL: up to date"
else
    say "training $MODEL on $DATA"
    "$CLI" train "$DATA" --test-size 0.2 --ngram-range 1,2 --quantize int8 --out "$MODEL" --quiet >/dev/null
fi

# Payload of a page with the element (what the browser downloads, gzipped).
gz() { gzip -9 -c "$1" | wc -c; }
total=0
say "payload (gzip -9):"
for f in "www/pkg/embed/${CRATE}_bg.wasm" "www/pkg/embed/$CRATE.js" www/embed.js "$MODEL"; do
    n=$(gz "$f")
    total=$((total + n))
    say "$(printf '  %-40s %8d bytes raw %7d gzipped' "$f" "$(wc -c < "$f")" "$n")"
done
say "$(printf '  %-40s %24d gzipped (%.1f KB)' total "$total" "$(awk -v t="$total" 'BEGIN{print t/1024}')")"
