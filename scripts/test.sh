#!/usr/bin/env bash
# The whole test suite: setup, Rust tests, wasm32 build check, release build, reference checks
# against scikit-learn. Exits non-zero as soon as a step fails.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==== %s ====\n' "$*"; }

step "1/5 setup"
bash scripts/setup.sh

step "2/5 cargo test (all targets + doc tests)"
cargo test --all-targets
cargo test --doc

step "3/5 wasm32 library build check"
# RUSTFLAGS would replace the wasm32 rustflags from .cargo/config.toml (e.g. +simd128): drop it.
env -u RUSTFLAGS cargo build --lib --no-default-features --target wasm32-unknown-unknown

step "4/5 cargo build --release"
cargo build --release

step "5/5 reference checks against scikit-learn (pytest)"
TEXTCLF_BIN="${TEXTCLF_BIN:-target/release/textclf}" \
    .venv/bin/python -m pytest -q tests/reference

printf '\n==== all steps passed ====\n'
