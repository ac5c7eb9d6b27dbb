#!/usr/bin/env bash
# Search benchmark (not a test): on the synthetic corpus (examples/synth, 10,000 provisions by
# default) prints the search work inside `concord build`, the browser index size (raw and
# gzipped, per document), the bytes the first query loads and query latency p50/p95 in
# headless Chromium from file://; then indexes the same built site with Pagefind (npm
# `pagefind`, installed into a temporary folder), serves it on 127.0.0.1 and prints its index
# size, build time and latency beside ours. Figures are recorded in docs/performance.md.
#   scripts/bench-search.sh [PROVISIONS] [COUNTRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
provisions=${1:-10000}
countries=${2:-200}
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

[ -n "${BENCH_NO_BUILD:-}" ] || cargo build --release --quiet --bin concord --example synth --example bench_search
./target/release/examples/synth --countries "$countries" --provisions "$provisions" --out "$work/corpus" >/dev/null

echo "== search work inside concord build (release)"
./target/release/examples/bench_search "$work/corpus"

echo "== concord build (release, whole site)"
./target/release/concord build --quiet --corpus "$work/corpus" --out "$work/public"
start=$(date +%s.%N)
./target/release/concord build --quiet --corpus "$work/corpus" --out "$work/public"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "whole build: %.2f s\n", e - s }'

echo "== browser (headless chromium, file://)"
node scripts/bench-search.mjs "$work/public" > "$work/ours.txt"
cat "$work/ours.txt"

echo "== pagefind"
if npm install --prefix "$work/pf" --no-audit --no-fund --silent pagefind >/dev/null 2>&1; then
  pf="$work/pf/node_modules/.bin/pagefind"
  "$pf" --version
  start=$(date +%s.%N)
  "$pf" --site "$work/public" >"$work/pf.log" 2>&1
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "pagefind indexing time: %.2f s\n", e - s }'
  grep -iE "indexed|pages" "$work/pf.log" | head -5 || true
  port=$((20000 + RANDOM % 20000))
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
  server=$!
  sleep 1
  node scripts/bench-search.mjs "$work/public" "http://127.0.0.1:$port" | sed -n '/^pagefind/,$p'
else
  echo "pagefind could not be installed from npm; skipped"
fi
