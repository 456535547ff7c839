# Shared by scripts/build-wasm.sh and scripts/build-embed.sh (sourced, not run).
# Needs: ROOT as the working directory, TARGET, CRATE, a `say` function.

# Counts SIMD instructions/types in a .wasm (wasm2wat from Debian's wabt).
simd_count() {
    wasm2wat "$1" | grep -cE 'v128|[if](8x16|16x8|32x4|64x2)\.' || true
}

# wasm_build OUT_DIR TARGET_DIR RUSTFLAGS WASM_OPT_FLAGS [CARGO_FEATURE_ARGS...]
# cargo build (release, library, no default features) → wasm-bindgen --target web →
# wasm-opt -O3 (npm binaryen, not Debian's, which corrupts wasm-bindgen's output).
# wasm-bindgen and wasm-opt are skipped when cargo's .wasm and the calling script are unchanged.
wasm_build() {
    local out="$1" tdir="$2" flags="$3" opt_flags="$4"
    shift 4
    say "$out: cargo build --release $* (RUSTFLAGS='$flags')"
    # Explicit flags per build: RUSTFLAGS replaces any [target] rustflags from .cargo/config.toml,
    # and CARGO_ENCODED_RUSTFLAGS would override RUSTFLAGS, so drop it.
    env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="$flags" \
        cargo build --release --lib --target "$TARGET" --no-default-features "$@" --target-dir "$tdir"
    local wasm="$tdir/$TARGET/release/$CRATE.wasm"
    local stamp="$out/.source.sha256" want
    want="$(sha256sum "$wasm" "$0" scripts/wasm-lib.sh | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$out/${CRATE}_bg.wasm" ] && [ -f "$out/$CRATE.js" ]; then
        say "$out: up to date"
        return
    fi
    rm -rf "$out"
    mkdir -p "$out"
    say "$out: wasm-bindgen --target web, wasm-opt -O3 $opt_flags"
    wasm-bindgen --target web --out-dir "$out" "$wasm"
    npx --no-install wasm-opt -O3 $opt_flags "$out/${CRATE}_bg.wasm" -o "$out/${CRATE}_bg.wasm"
    echo "$want" > "$stamp"
}

# check_simd SIMD_WASM SCALAR_WASM: fails unless the first has SIMD instructions and the
# second none (a RUSTFLAGS mix-up silently gives two scalar builds, or a SIMD build for
# browsers without SIMD).
check_simd() {
    local simd_n scalar_n
    simd_n="$(simd_count "$1")"
    scalar_n="$(simd_count "$2")"
    say "SIMD instructions: $1 $simd_n, $2 $scalar_n"
    if [ "$simd_n" -eq 0 ] || [ "$scalar_n" -ne 0 ]; then
        echo "FAIL: $1 must contain SIMD instructions and $2 none" >&2
        exit 1
    fi
}
