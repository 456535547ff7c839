#!/usr/bin/env bash
# The whole test suite: setup, native Rust tests, the two release wasm builds (with the SIMD
# check), the wasm tests in Node and in headless Chromium (SIMD128 and scalar builds), the
# release CLI, the reference checks against scikit-learn and the browser e2e tests.
# Exits non-zero as soon as a step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==== %s ====\n' "$*"; }
LOGS="$(mktemp -d)"
trap 'rm -rf "$LOGS"' EXIT

# wasm_test VARIANT LOGNAME [cargo test args...]: cargo test for wasm32 with the variant's
# flags (the same target dirs as scripts/build-wasm.sh, so dependencies are built once per
# variant and profile), run by wasm-bindgen-test-runner. Fails when no test ran.
wasm_test() {
    local variant="$1" log="$LOGS/$2.log" flags
    shift 2
    case "$variant" in
        simd) flags="-C target-feature=+simd128" ;;
        scalar) flags="-C target-feature=-simd128" ;;
    esac
    env -u CARGO_ENCODED_RUSTFLAGS RUSTFLAGS="$flags" \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test --target wasm32-unknown-unknown --no-default-features \
        --target-dir "target/wasm-$variant" "$@" 2>&1 | tee "$log"
    if grep -q 'no tests to run' "$log" || ! grep -qE 'test result: ok\. [1-9][0-9]* passed' "$log"; then
        echo "FAIL: no wasm test ran ($variant: $*)" >&2
        exit 1
    fi
}

# Sum of "N passed" over the logs named.
passed() {
    local n=0 k
    for k in $(cd "$LOGS" && cat "$@" | grep -oE 'test result: ok\. [0-9]+ passed' | grep -oE '[0-9]+ passed' | cut -d' ' -f1); do
        n=$((n + k))
    done
    echo "$n"
}

step "1/8 setup"
bash scripts/setup.sh

step "2/8 cargo test (all targets + doc tests)"
cargo test --all-targets
cargo test --doc

step "3/8 wasm release builds (www/pkg/simd, www/pkg/scalar) + SIMD instruction check"
bash scripts/build-wasm.sh
# Both builds load through their JS glue in Node and train the demo data to the same accuracy.
node bench/simd.mjs --smoke

step "4/8 wasm tests in Node (wasm-bindgen-test-runner): SIMD128 and scalar builds"
wasm_test simd node-simd --lib
wasm_test scalar node-scalar --lib

step "5/8 wasm tests in headless Chromium (chromedriver): SIMD128 and scalar builds"
wasm_test simd chromium-simd --test wasm_browser
WASM_BINDGEN_USE_BROWSER=1 wasm_test simd chromium-simd-lib --lib
wasm_test scalar chromium-scalar --test wasm_browser
WASM_BINDGEN_USE_BROWSER=1 wasm_test scalar chromium-scalar-lib --lib
printf '\nwasm tests passed: Node %s (simd %s, scalar %s); Chromium %s (simd %s, scalar %s)\n' \
    "$(passed node-simd.log node-scalar.log)" "$(passed node-simd.log)" "$(passed node-scalar.log)" \
    "$(passed chromium-simd.log chromium-simd-lib.log chromium-scalar.log chromium-scalar-lib.log)" \
    "$(passed chromium-simd.log chromium-simd-lib.log)" "$(passed chromium-scalar.log chromium-scalar-lib.log)"

step "6/8 cargo build --release"
cargo build --release

step "7/8 reference checks against scikit-learn (pytest)"
TEXTCLF_BIN="${TEXTCLF_BIN:-target/release/textclf}" \
    .venv/bin/python -m pytest -q tests/reference

step "8/8 browser end-to-end tests (node --test tests/e2e/)"
# What the pages need: the embeddable element's predict-only builds and example model (needs
# the release CLI from step 6) and the page's example data (from the npm package).
bash scripts/build-embed.sh
node scripts/example-data.mjs
node --test tests/e2e/

printf '\n==== all steps passed ====\n'
