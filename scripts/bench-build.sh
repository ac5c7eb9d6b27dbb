#!/usr/bin/env bash
# Build benchmark (not a test): generates the synthetic corpus, builds it with the release binary
# and prints wall time, pages per second and peak memory; then gives Hugo (Debian's hugo) the same
# provision files with the layouts in scripts/bench-hugo/ and prints the ratios. Figures are
# recorded in docs/performance.md.
#   scripts/bench-build.sh [COUNTRIES] [PROVISIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
countries=${1:-200}
provisions=${2:-10000}
work=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}")  # BENCH_DIR=/dev/shm: output on tmpfs
trap 'rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq "$2" >/dev/null; }; }
need /usr/bin/time time
need hugo hugo

cargo build --release --quiet
cargo run --release --quiet --example synth -- --countries "$countries" --provisions "$provisions" --out "$work/corpus"

runs=${BENCH_RUNS:-5}
measure() { # label, then the command; runs it $runs times, prints "label median_wall_s max_peak_kb"
  local label=$1; shift
  : > "$work/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
    cat "$work/time" >> "$work/times"
  done
  sort -n "$work/times" | awk -v l="$label" '{w[NR]=$1; if ($2>k) k=$2} END {print l, w[int((NR+1)/2)], k}'
}

# warm the file cache once, then measure (median of $runs runs: the shared machine is noisy)
./target/release/concord build --quiet --corpus "$work/corpus" --out "$work/public" 
read -r _ c_wall c_kb < <(measure concord ./target/release/concord build --quiet --corpus "$work/corpus" --out "$work/public")
pages=$(find "$work/public" -name '*.html' | wc -l)

# Hugo: the same source files (front matter + Markdown body of every provision, plus the country
# code) with two layouts from scripts/bench-hugo/: "equivalent" builds pages with the structure of
# concord's provision page (the comparison the speed target refers to); "minimal" renders title and
# body only (a lower bound for Hugo).
mkdir -p "$work/content/provisions"
for f in "$work"/corpus/countries/*/provisions/*.md; do
  c=$(basename "$(dirname "$(dirname "$f")")")
  awk -v c="$c" 'NR==1{print; print "country: " c; next} {print}' "$f" > "$work/content/provisions/$c-$(basename "$f")"
done
hugo_site() { # layout name -> prints "median_wall_s max_peak_kb pages"
  local h="$work/hugo-$1"
  cp -r "scripts/bench-hugo/$1" "$h"
  ln -s "$work/content" "$h/content"
  hugo --quiet -s "$h" -d "$h/out" >/dev/null
  read -r _ wall kb < <(measure "$1" hugo --quiet -s "$h" -d "$h/out")
  echo "$wall $kb $(find "$h/out" -name '*.html' | wc -l)"
}
read -r h_wall h_kb hpages < <(hugo_site equivalent)
read -r m_wall m_kb mpages < <(hugo_site minimal)

awk -v cw="$c_wall" -v ck="$c_kb" -v cp="$pages" -v hw="$h_wall" -v hk="$h_kb" -v hp="$hpages" \
    -v mw="$m_wall" -v mk="$m_kb" -v mp="$mpages" -v n="$provisions" -v r="$runs" 'BEGIN {
  printf "corpus: %d provisions; wall time is the median of %d runs\n", n, r
  printf "concord (whole site):     %5d pages in %.2f s (%.0f pages/s), peak memory %.0f MB\n", cp, cw, cp/(cw>0?cw:0.001), ck/1024
  printf "hugo, equivalent layout:  %5d pages in %.2f s (%.0f pages/s), peak memory %.0f MB\n", hp, hw, hp/(hw>0?hw:0.001), hk/1024
  printf "hugo, minimal layout:     %5d pages in %.2f s (%.0f pages/s), peak memory %.0f MB\n", mp, mw, mp/(mw>0?mw:0.001), mk/1024
  printf "concord / hugo wall time: %.2f (equivalent pages), %.2f (minimal pages)\n", cw/(hw>0?hw:0.001), cw/(mw>0?mw:0.001)
}'
