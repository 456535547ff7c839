#!/usr/bin/env bash
# Idempotent project setup: everything the build, the tests and the demo need.
# Fast when already done; safe to run again at any time.
#   - Rust target wasm32-unknown-unknown (rustup)
#   - wasm-bindgen-cli at the wasm-bindgen version pinned in Cargo.lock (cargo install, ~9 min cold)
#   - Debian packages chromium, chromium-driver (headless browser tests) and wabt (wasm2wat)
#   - Python venv at .venv with tests/reference/requirements.txt (reinstalled only when it changes)
#   - npm dependencies (only when package.json declares some and node_modules is missing or stale)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '[setup] %s\n' "$*"; }

# apt-get install, with one `apt-get update` per run (only when something must be installed).
APT_UPDATED=""
apt_install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if [ -z "$APT_UPDATED" ]; then
        $sudo apt-get update -qq
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# --- Rust ---------------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
        export PATH="$HOME/.cargo/bin:$PATH"
    else
        echo "[setup] cargo not found: install Rust with rustup first" >&2
        exit 1
    fi
fi
if command -v rustup >/dev/null 2>&1; then
    if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
        say "rust target wasm32-unknown-unknown: present"
    else
        say "rust target wasm32-unknown-unknown: installing"
        rustup target add wasm32-unknown-unknown
    fi
else
    say "warning: rustup not found; cannot add wasm32-unknown-unknown" >&2
fi

# wasm-bindgen-cli must be exactly the wasm-bindgen version in Cargo.lock (the CLI refuses
# modules from another version). Without --locked: its lock file pins a webpki-roots version
# this registry view lacks (see /work/shared/TOOLCHAIN.md).
wb_want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$wb_want" ]; then
    echo "[setup] cannot read the wasm-bindgen version from Cargo.lock" >&2
    exit 1
fi
wb_have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$wb_have" = "$wb_want" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "wasm-bindgen-cli $wb_want: present"
else
    say "wasm-bindgen-cli $wb_want: installing (have '${wb_have:-none}'; takes several minutes)"
    cargo install wasm-bindgen-cli --version "$wb_want" --force
fi

# --- Debian packages ----------------------------------------------------------------------
# chromium + chromium-driver for the wasm browser tests and the e2e tests, wabt for wasm2wat.
apt_missing=()
for pkg in chromium chromium-driver wabt; do
    if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
        :
    else
        apt_missing+=("$pkg")
    fi
done
if [ "${#apt_missing[@]}" -eq 0 ]; then
    say "apt: chromium chromium-driver wabt present"
else
    say "apt: installing ${apt_missing[*]}"
    apt_install "${apt_missing[@]}"
fi

# --- Python reference environment ---------------------------------------------------------
REQ="tests/reference/requirements.txt"
VENV=".venv"
STAMP="$VENV/.requirements.sha256"
PY="${PYTHON:-python3}"
want_hash="$(sha256sum "$REQ" | cut -d' ' -f1)"
have_hash="$(cat "$STAMP" 2>/dev/null || true)"

if [ ! -x "$VENV/bin/python" ]; then
    say "python venv: creating $VENV"
    if ! "$PY" -m venv "$VENV" 2>/dev/null; then
        # Debian's system python needs python3-venv for ensurepip.
        say "python venv: installing python3-venv (apt)"
        rm -rf "$VENV"
        apt_install python3-venv
        "$PY" -m venv "$VENV"
    fi
    have_hash=""
fi
if [ "$want_hash" != "$have_hash" ]; then
    say "python venv: installing $(grep -Ev '^\s*(#|$)' "$REQ" | tr '\n' ' ')"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQ"
    echo "$want_hash" > "$STAMP"
else
    say "python venv: up to date ($REQ unchanged)"
fi

# --- npm ----------------------------------------------------------------------------------
# Only when package.json declares dependencies; reinstall when package.json or the lock file
# is newer than node_modules' own lock copy (npm writes node_modules/.package-lock.json).
has_deps="$(node -e '
  const p = require("./package.json");
  const n = Object.keys(p.dependencies || {}).length + Object.keys(p.devDependencies || {}).length;
  process.stdout.write(n > 0 ? "yes" : "no");
' 2>/dev/null || echo no)"
if [ "$has_deps" = "yes" ]; then
    marker="node_modules/.package-lock.json"
    if [ ! -f "$marker" ] || [ package.json -nt "$marker" ] || { [ -f package-lock.json ] && [ package-lock.json -nt "$marker" ]; }; then
        if [ -f package-lock.json ]; then
            say "npm: installing dependencies (npm ci)"
            npm ci --no-audit --no-fund --loglevel=error
        else
            say "npm: installing dependencies (npm install)"
            npm install --no-audit --no-fund --loglevel=error
        fi
        touch "$marker" 2>/dev/null || true
    else
        say "npm: node_modules up to date"
    fi
else
    say "npm: no dependencies declared"
fi

say "done"
