# roleplay — the two entry points a fresh Debian machine (Rust, Node, apt) needs:
#   make serve   set up the tools, then serve the app on http://127.0.0.1:8080
#   make test    set up the tools, then run every check and test
# Tool versions and their pitfalls: see the README's toolchain notes. Every step prints what it runs
# and stops the make on failure.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

TRUNK_VERSION := 0.22.1
WASM_BINDGEN_VERSION := 0.2.130
CHROMIUM := /usr/bin/chromium

# Trunk finds wasm-opt (npm binaryen) and wasm-bindgen here; cargo-installed tools in ~/.cargo/bin.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# Trunk's own update check ignores `offline = true` in Trunk.toml.
export TRUNK_SKIP_VERSION_CHECK := true

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
step = @printf '\n\033[1m==> %s\033[0m\n' "$(1)"

.PHONY: help setup serve build test chromium fmt clippy test-native test-wasm test-e2e

help:
	@echo "make serve   set up, then serve the app on http://127.0.0.1:8080"
	@echo "make test    set up, then run fmt, clippy, native and wasm tests, the release build and the browser tests"

## setup: idempotent; each tool is installed only when missing or at the wrong version.
setup: node_modules/.package-lock.json
	$(call step,rustup target add wasm32-unknown-unknown)
	rustup target add wasm32-unknown-unknown
	$(call step,trunk $(TRUNK_VERSION))
	@if [ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ]; then \
	  echo "trunk $(TRUNK_VERSION) already installed"; \
	else \
	  echo "installing trunk $(TRUNK_VERSION) (about 13 minutes on 2 cores)"; \
	  cargo install --locked trunk --version $(TRUNK_VERSION) --ignore-rust-version; \
	fi
	$(call step,wasm-bindgen-cli $(WASM_BINDGEN_VERSION))
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "wasm-bindgen $(WASM_BINDGEN_VERSION) already installed"; \
	else \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (without --locked: a locked dependency is not served here)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi
	$(call step,npm tools)
	@echo "monaco-editor $$(node -p 'require("./node_modules/monaco-editor/package.json").version'), $$(wasm-opt --version), playwright-core $$(node -p 'require("./node_modules/playwright-core/package.json").version')"

# npm ci when node_modules is missing or older than the lock file.
node_modules/.package-lock.json: package-lock.json package.json
	$(call step,npm ci)
	npm ci --no-audit --no-fund
	@touch $@

serve: setup catalog
	$(call step,trunk serve index.html --address 127.0.0.1 --port 8080)
	trunk serve index.html --address 127.0.0.1 --port 8080

build: setup catalog
	$(call step,trunk build index.html --release)
	trunk build index.html --release

chromium:
	$(call step,chromium for the browser tests)
	@if [ -x $(CHROMIUM) ]; then \
	  echo "$$($(CHROMIUM) --version 2>/dev/null || echo chromium) already installed"; \
	else \
	  $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium chromium-driver; \
	fi

fmt:
	$(call step,cargo fmt --all --check)
	cargo fmt --all --check

clippy:
	$(call step,cargo clippy --workspace --all-targets -- -D warnings)
	cargo clippy --workspace --all-targets -- -D warnings

test-native:
	$(call step,cargo test --workspace)
	cargo test --workspace

# Runs through .cargo/config.toml's runner, wasm-bindgen-test-runner, under node.
test-wasm:
	$(call step,cargo test --target wasm32-unknown-unknown -p roleplay-policy -p roleplay-sim)
	cargo test --target wasm32-unknown-unknown -p roleplay-policy -p roleplay-sim

test-e2e:
	$(call step,node --test tests/e2e/)
	node --test tests/e2e/

test: setup chromium
	@$(MAKE) --no-print-directory fmt clippy test-native test-wasm build-release test-e2e
	@printf '\n\033[1;32mAll checks passed.\033[0m\n'

# The service catalog (docs/catalog.md), rebuilt only when the npm lock file is newer than it.
.PHONY: catalog
catalog: target/catalog/catalog.json

target/catalog/catalog.json: package-lock.json crates/catalog/build-catalog.mjs | node_modules/.package-lock.json
	$(call step,node crates/catalog/build-catalog.mjs)
	node crates/catalog/build-catalog.mjs $@

.PHONY: build-release
# The catalog first: Trunk's post-build hook copies it into dist/ (Trunk.toml).
build-release: catalog
	$(call step,trunk build index.html --release)
	@start=$$(date +%s); trunk build index.html --release; \
	  echo "release build: $$(( $$(date +%s) - start )) s"
