#!/usr/bin/env bash
# Installs what building, serving and testing need, and skips what is already there at the
# right version. Safe to run again and again; prints one line per tool.
#   - Rust target wasm32-unknown-unknown (toolchain pinned by rust-toolchain.toml)
#   - Trunk 0.21.14, wasm-bindgen-cli at exactly Cargo.lock's wasm-bindgen version, wasm-split-cli
#   - npm packages from package-lock.json (sql.js, Playwright, binaryen's wasm-opt, axe-core)
#   - Debian's chromium and chromium-driver (browser tests; never a downloaded browser), sqlite3,
#     poppler-utils and unzip (the sign-off report's PDF test)
#   - the sql.js files copied into public/sqljs/, which the build serves
# Set SETUP_SKIP_BROWSER=1 to skip Chromium (enough for `make serve`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

TRUNK_VERSION=0.21.14
say() { printf 'setup: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root for: $*" >&2; return 1; fi
}

# Rust: the toolchain file pins 1.95.0; make sure the wasm target is there.
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "rust target wasm32-unknown-unknown: installing"
  rustup target add wasm32-unknown-unknown
fi

# Trunk (0.22 needs a newer rustc; --locked keeps its dependency versions known-good).
if [ "$(trunk --version 2>/dev/null)" = "trunk $TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly. Without --locked: its own
# lock file names a yanked crate.
[ -f Cargo.lock ] || cargo generate-lockfile
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $WB_VERSION" ] &&
  command -v wasm-bindgen-test-runner >/dev/null; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  say "wasm-bindgen-cli $WB_VERSION: installing (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# wasm-split-cli splits the app's wasm into the first screen and one chunk per area
# (tools/split.mjs, issue #12); the version matches leptos's wasm_split_helpers in Cargo.lock.
SPLIT_VERSION=0.2.4
if command -v wasm-split-cli >/dev/null &&
  cargo install --list | grep -qx "wasm_split_cli_support v$SPLIT_VERSION:"; then
  say "wasm-split-cli $SPLIT_VERSION: present"
else
  say "wasm-split-cli $SPLIT_VERSION: installing (about 2 minutes)"
  cargo install wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --locked
fi

# npm packages, reinstalled only when package-lock.json changed.
stamp=node_modules/.setup-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  say "npm packages: present"
else
  say "npm packages: installing from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi

# sql.js is served from our own files, never from a CDN.
mkdir -p public/sqljs
for f in sql-wasm.js sql-wasm.wasm; do
  if ! cmp -s "node_modules/sql.js/dist/$f" "public/sqljs/$f"; then
    cp "node_modules/sql.js/dist/$f" "public/sqljs/$f"
    say "copied sql.js $f into public/sqljs/"
  fi
done
say "sql.js $(node -p "require('./node_modules/sql.js/package.json').version"): in public/sqljs/"

# The sqlite3 command-line tool: tests apply a package's schema.sql with it, as deployers do.
if [ "${SETUP_SKIP_BROWSER:-0}" = 1 ] || command -v sqlite3 >/dev/null; then
  say "sqlite3: present or not needed"
else
  say "sqlite3: installing from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3
fi

# poppler-utils (pdftotext, pdfinfo) and unzip: the report test prints the sign-off report to
# PDF and reads it back, and opens the report.html a package carries.
if [ "${SETUP_SKIP_BROWSER:-0}" = 1 ] || { command -v pdftotext >/dev/null && command -v unzip >/dev/null; }; then
  say "pdftotext and unzip: present or not needed"
else
  say "poppler-utils and unzip: installing from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q poppler-utils unzip
fi

# Debian's Chromium and its driver, for wasm-bindgen-test and Playwright.
if [ "${SETUP_SKIP_BROWSER:-0}" = 1 ]; then
  say "chromium: skipped (SETUP_SKIP_BROWSER=1)"
elif command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say "chromium and chromedriver: present"
else
  say "chromium and chromedriver: installing from Debian"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
fi
