# Offline Profile Studio. The two commands a new machine needs:
#   make serve   install what is missing, build the release app, serve it on http://127.0.0.1:8080
#   make test    install what is missing, run every test tier, print each tier's counts
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
PORT ?= 8080

.PHONY: serve dev build build-crash setup test test-lint test-host test-wasm test-e2e catalog screenshot clean bench fuzz

serve: build
	node tools/serve.mjs dist $(PORT)

# Development server with rebuild on change (debug build, autoreload).
dev:
	SETUP_SKIP_BROWSER=1 tools/setup.sh
	trunk serve --port $(PORT)

# tools/postbuild.mjs also runs as Trunk's hook; here it checks that no inline script is left.
build:
	SETUP_SKIP_BROWSER=1 tools/setup.sh
	trunk build --release --locked
	node tools/postbuild.mjs dist

# The crash-screen test's build: a release build with the hidden panic trigger, in dist-crash/
# (its wasm not size-optimised, as in tools/test.sh).
build-crash:
	SETUP_SKIP_BROWSER=1 tools/setup.sh
	SPLIT_WASM_OPT=0 trunk build --release --locked --features crash-test --dist dist-crash
	node tools/postbuild.mjs dist-crash

setup:
	tools/setup.sh

test:
	tools/test.sh

test-lint:
	TIERS=lint tools/test.sh
test-host:
	TIERS=host tools/test.sh
test-wasm:
	TIERS=wasm tools/test.sh
test-e2e:
	TIERS=e2e tools/test.sh

# Regenerates src/catalog/tables.tsv and columns.tsv from data/channel_tables.json.
catalog:
	cargo run --bin gen-catalog

# A headless-Chromium screenshot of the built app: make screenshot URL='#/catalog/CUSTTABLE'
screenshot: build
	node tools/shot.mjs dist "$(URL)" target/screenshot.png

clean:
	rm -rf target dist dist-crash public/sqljs node_modules

# Benchmarks (issue #6): the release build, `cargo bench` (validation, sim) and the browser
# figures (tests/bench/, Playwright on port 4500) in one table, also target/bench.json. A missed
# target never fails; only something that could not run does (not part of `make test`).
# docs/performance.md. Options: make bench BENCH_ARGS='--skip-native' (see tools/bench.mjs).
bench: build
	node tools/bench.mjs $(BENCH_ARGS)

# Property-based fuzzing of every parser of outside input (tests/fuzz.rs), longer than the 64
# cases per property `make test` runs: FUZZ_CASES per property (default 5000). A debug build, so
# arithmetic overflow is caught too (both bugs the fuzzers found were overflows).
fuzz:
	FUZZ_CASES=$${FUZZ_CASES:-5000} cargo test --test fuzz -- --test-threads=2
