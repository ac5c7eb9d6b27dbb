#!/usr/bin/env bash
# Build benchmark (not a test): generates the synthetic corpus, builds it with the release binary
# and prints wall time, pages per second and peak memory; then builds equivalent Markdown pages
# with Hugo (Debian's hugo) and prints the ratio. Figures are recorded in docs/performance.md.
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

# Hugo: the same provision pages (title + Markdown body) with a minimal layout.
h="$work/hugo"
mkdir -p "$h/content/provisions" "$h/layouts/_default"
cat > "$h/hugo.toml" <<'TOML'
baseURL = "/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
relativeURLs = true
TOML
cat > "$h/layouts/_default/single.html" <<'HTML'
<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>
HTML
cat > "$h/layouts/_default/list.html" <<'HTML'
<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
HTML
for f in "$work"/corpus/countries/*/provisions/*.md; do
  id=$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f" .md)
  awk -v id="$id" 'BEGIN{print "---"; print "title: \"" id "\""; print "---"} /^---$/{n++; next} n>=2{print}' "$f" > "$h/content/provisions/$id.md"
done
hugo --quiet -s "$h" -d "$work/hugo-out" >/dev/null
read -r _ h_wall h_kb < <(measure hugo hugo --quiet -s "$h" -d "$work/hugo-out")
hpages=$(find "$work/hugo-out" -name '*.html' | wc -l)

awk -v cw="$c_wall" -v ck="$c_kb" -v cp="$pages" -v hw="$h_wall" -v hk="$h_kb" -v hp="$hpages" -v n="$provisions" -v r="$runs" 'BEGIN {
  printf "corpus: %d provisions; wall time is the median of %d runs\n", n, r
  printf "concord: %d pages in %.2f s (%.0f pages/s), peak memory %.0f MB\n", cp, cw, cp/(cw>0?cw:0.001), ck/1024
  printf "hugo:    %d pages in %.2f s (%.0f pages/s), peak memory %.0f MB\n", hp, hw, hp/(hw>0?hw:0.001), hk/1024
  printf "concord / hugo wall time: %.2f\n", cw/(hw>0?hw:0.001)
}'
