#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what the tests need if it is missing
# (Debian's chromium for the browser tests, axe-core from npm), then runs formatting, lint and
# every test against the real corpus, the real binary and a real headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium (Debian package) for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -d node_modules/playwright-core ]; then
  echo "== installing the browser-test tools (npm: playwright-core, axe-core)"
  npm ci --no-audit --no-fund --silent
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --quiet 2>&1
echo "== browser tests (headless chromium, file://)"
cargo build --quiet
node --test --test-concurrency=1 tests/browser/
