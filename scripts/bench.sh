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
exec .venv/bin/python bench/pipeline.py "$@"
