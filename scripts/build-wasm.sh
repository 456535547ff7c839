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

# Counts SIMD instructions/types in a .wasm (wasm2wat from Debian's wabt).
simd_count() {
    wasm2wat "$1" | grep -cE 'v128|[if](8x16|16x8|32x4|64x2)\.' || true
}

build() {
    local variant="$1" flags="$2" opt_flags="$3"
    local tdir="target/wasm-$variant" out="www/pkg/$variant"
    say "$variant: cargo build --release (RUSTFLAGS='$flags')"
    # Explicit flags per build: RUSTFLAGS replaces any [target] rustflags from .cargo/config.toml,
    # and CARGO_ENCODED_RUSTFLAGS would override RUSTFLAGS, so drop it.
    env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="$flags" \
        cargo build --release --lib --target "$TARGET" --no-default-features --target-dir "$tdir"
    local wasm="$tdir/$TARGET/release/$CRATE.wasm"
    local stamp="$out/.source.sha256"
    local want
    want="$(sha256sum "$wasm" scripts/build-wasm.sh | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/${CRATE}_bg.wasm" ] && [ -f "$out/$CRATE.js" ]; then
        say "$variant: $out up to date"
        return
    fi
    rm -rf "$out"
    mkdir -p "$out"
    say "$variant: wasm-bindgen --target web → $out"
    wasm-bindgen --target web --out-dir "$out" "$wasm"
    say "$variant: wasm-opt -O3 $opt_flags"
    npx --no-install wasm-opt -O3 $opt_flags "$out/${CRATE}_bg.wasm" -o "$out/${CRATE}_bg.wasm"
    echo "$want" > "$stamp"
}

build simd "-C target-feature=+simd128" "--enable-simd"
build scalar "-C target-feature=-simd128" ""

# The SIMD build must really use SIMD, and the scalar one must not (a RUSTFLAGS mix-up
# silently gives two scalar builds or a SIMD build for browsers without SIMD).
simd_n="$(simd_count "www/pkg/simd/${CRATE}_bg.wasm")"
scalar_n="$(simd_count "www/pkg/scalar/${CRATE}_bg.wasm")"
say "SIMD instructions: simd build $simd_n, scalar build $scalar_n"
if [ "$simd_n" -eq 0 ]; then
    echo "[build-wasm] FAIL: www/pkg/simd/${CRATE}_bg.wasm contains no SIMD instructions" >&2
    exit 1
fi
if [ "$scalar_n" -ne 0 ]; then
    echo "[build-wasm] FAIL: www/pkg/scalar/${CRATE}_bg.wasm contains $scalar_n SIMD instructions" >&2
    exit 1
fi

for variant in simd scalar; do
    f="www/pkg/$variant/${CRATE}_bg.wasm"
    raw=$(wc -c < "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    js=$(wc -c < "www/pkg/$variant/$CRATE.js")
    say "$(printf '%-7s %s: %7d bytes raw, %7d gzipped (glue %s: %d bytes)' "$variant" "$f" "$raw" "$gz" "$CRATE.js" "$js")"
done
