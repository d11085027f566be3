#!/usr/bin/env bash
# Runs every test tier and prints each tier's result, then one closing line
# "total: N passed, N failed". Exits non-zero when anything failed.
#   lint  cargo fmt --check; cargo clippy -D warnings for the host and for wasm32
#   host  cargo test (pure core, catalog, native SQLite)
#   wasm  cargo test --target wasm32-unknown-unknown (sql.js adapter, headless Chromium)
#   e2e   Playwright against the release build served on loopback (and the crash-test build)
# TIERS="host wasm" runs a subset (setup and the release build run only when needed).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
TIERS=${TIERS:-lint host wasm e2e}
logs=target/test-logs
start=$(date +%s)

tools/setup.sh || { echo "setup failed"; exit 2; }
mkdir -p "$logs"

declare -A passed failed status
# Runs one step of a tier, appending its output to the tier's log.
step() {
  local tier=$1; shift
  echo "== $tier: $*" | tee -a "$logs/$tier.log"
  "$@" 2>&1 | tee -a "$logs/$tier.log"
  return "${PIPESTATUS[0]}"
}
# Sums cargo's "test result: ... N passed; M failed" lines of a log.
cargo_counts() {
  local tier=$1
  passed[$tier]=$(grep -o '[0-9]* passed;' "$logs/$tier.log" | awk '{s+=$1} END {print s+0}')
  failed[$tier]=$(grep -o '[0-9]* failed;' "$logs/$tier.log" | awk '{s+=$1} END {print s+0}')
}

for tier in $TIERS; do
  : >"$logs/$tier.log"
  ok=1
  case $tier in
    lint)
      p=0 f=0
      for check in "cargo fmt --all --check" \
        "cargo clippy --all-targets --locked -- -D warnings" \
        "cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings"; do
        if step lint $check; then p=$((p + 1)); else f=$((f + 1)); ok=0; fi
      done
      passed[lint]=$p failed[lint]=$f
      ;;
    host)
      step host cargo test --locked || ok=0
      cargo_counts host
      ;;
    wasm)
      step wasm cargo test --locked --target wasm32-unknown-unknown || ok=0
      cargo_counts wasm
      ;;
    e2e)
      # The release build, and the crash-screen test's build with its hidden panic trigger (its
      # wasm is not size-optimised: the crash screen does not need it, and it saves a minute).
      if step e2e trunk build --release --locked &&
        step e2e node tools/postbuild.mjs dist &&
        step e2e env SPLIT_WASM_OPT=0 trunk build --release --locked --features crash-test --dist dist-crash &&
        step e2e node tools/postbuild.mjs dist-crash; then
        step e2e npx playwright test -c tests/e2e/playwright.config.mjs || ok=0
      else
        ok=0
      fi
      passed[e2e]=$(grep -Eo '^ +[0-9]+ passed' "$logs/e2e.log" | awk '{s+=$1} END {print s+0}')
      failed[e2e]=$(grep -Eo '^ +[0-9]+ failed' "$logs/e2e.log" | awk '{s+=$1} END {print s+0}')
      # A test that passed only on a retry counts as passed, and is named so it is not forgotten.
      flaky=$(grep -Eo '^ +[0-9]+ flaky' "$logs/e2e.log" | awk '{s+=$1} END {print s+0}')
      if [ "$flaky" != 0 ]; then
        passed[e2e]=$(( ${passed[e2e]} + flaky ))
        echo "e2e: $flaky flaky test(s) passed only on a retry:"
        grep -A1 -E '^ +[0-9]+ flaky' "$logs/e2e.log" | tail -n +2
      fi
      ;;
    *)
      echo "unknown tier $tier"; exit 2 ;;
  esac
  if [ "$ok" = 1 ] && [ "${failed[$tier]:-0}" = 0 ]; then status[$tier]=ok; else
    status[$tier]=FAILED
    # A tier that failed before its runner counted anything still counts as one failure.
    [ "${failed[$tier]:-0}" = 0 ] && failed[$tier]=1
  fi
done

echo
echo "Test summary ($(( $(date +%s) - start )) s; logs in $logs/)"
printf '  %-5s %-7s %7s %7s\n' tier result passed failed
tp=0 tf=0
for tier in $TIERS; do
  printf '  %-5s %-7s %7s %7s\n' "$tier" "${status[$tier]}" "${passed[$tier]:-0}" "${failed[$tier]:-0}"
  tp=$((tp + ${passed[$tier]:-0})) tf=$((tf + ${failed[$tier]:-0}))
done
echo "total: $tp passed, $tf failed"
[ "$tf" = 0 ]
