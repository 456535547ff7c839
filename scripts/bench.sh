#!/usr/bin/env bash
# Benchmark: scikit-learn vs textclf on the seed pipeline (see bench/pipeline.py).
# Arguments pass through, e.g. `npm run bench -- --runs 5`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v cargo >/dev/null 2>&1 || export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh
echo "[bench] building the release CLI (cargo build --release)"
cargo build --release
# OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on these machines for old OpenBLAS builds and slow a
# current numpy down: unset them for the benchmark only (tests and CI keep them).
exec env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE .venv/bin/python bench/pipeline.py "$@"
