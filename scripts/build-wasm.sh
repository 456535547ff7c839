#!/usr/bin/env bash
# Release WebAssembly builds of the library for the page, two of them:
#   www/pkg/simd/    built with -C target-feature=+simd128 (kernels::simd128)
#   www/pkg/scalar/  built without SIMD (for browsers without SIMD128)
# Each: cargo build (wasm32-unknown-unknown, --no-default-features: the `cli` feature is
# native-only) → wasm-bindgen --target web → wasm-opt -O3 (npm binaryen, not Debian's, which
# corrupts wasm-bindgen's output). The page picks one with www/simd-detect.js.
# Then checks that the SIMD build has SIMD instructions and the scalar one has none (fails
# otherwise), and prints sizes raw and gzipped. wasm-bindgen and wasm-opt are skipped when
# cargo's .wasm is unchanged since the last run. Run scripts/setup.sh first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[build-wasm] %s\n' "$*"; }
TARGET=wasm32-unknown-unknown
CRATE=textclf

# shellcheck source=scripts/wasm-lib.sh
. scripts/wasm-lib.sh

wasm_build www/pkg/simd target/wasm-simd "-C target-feature=+simd128" "--enable-simd"
wasm_build www/pkg/scalar target/wasm-scalar "-C target-feature=-simd128" ""

# The SIMD build must really use SIMD, and the scalar one must not.
check_simd "www/pkg/simd/${CRATE}_bg.wasm" "www/pkg/scalar/${CRATE}_bg.wasm"

for variant in simd scalar; do
    f="www/pkg/$variant/${CRATE}_bg.wasm"
    raw=$(wc -c < "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    js=$(wc -c < "www/pkg/$variant/$CRATE.js")
    say "$(printf '%-7s %s: %7d bytes raw, %7d gzipped (glue %s: %d bytes)' "$variant" "$f" "$raw" "$gz" "$CRATE.js" "$js")"
done
