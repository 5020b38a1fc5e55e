#!/usr/bin/env bash
# The report at scale (issue 11): a synthetic year (365 nights x 30 engines x 40 variants x 3 samples
# = 1,314,000 samples) rendered to a site, the largest page's size, first paint of the overview in
# Chromium from file://, and `observatory ingest` of the same history as run bundles.
# Usage: bench/site-scale.sh [WORKDIR]   (default: a fresh directory under /tmp; kept for inspection)
# Prints wall and CPU seconds: on a shared machine CPU time is the figure that compares between runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d /tmp/site-scale.XXXXXX)}"
obs="$root/observatory"
mkdir -p "$work"
rm -rf "$work/site" "$work/bundles" "$work/synth.duckdb" "$work/ingest.duckdb"

timed() { # label, command...: prints wall and user+sys seconds
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, cpu %U+%S s, max rss %M KiB" "$@"
}

timed "synth" "$obs" --db "$work/synth.duckdb" synth --bundles "$work/bundles"
samples=$("$obs" --db "$work/synth.duckdb" query "SELECT count(*) AS n FROM samples" --format csv 2>/dev/null | tail -1)
# Load beside the figures: wall time under load is not comparable, CPU time mostly is.
echo "load before the report: $(uptime | sed 's/.*load average: //')"
# OBSERVATORY_PROFILE=1: the report prints where its time went, per page family (standard error).
timed "report (whole site)" env OBSERVATORY_PROFILE=1 "$obs" --db "$work/synth.duckdb" report --out "$work/site" >/dev/null
largest=$(find "$work/site" -maxdepth 1 -name '*.html' -printf '%s %f\n' | sort -n | tail -1)
echo "pages: $(find "$work/site" -maxdepth 1 -name '*.html' | wc -l); largest page: $largest bytes (limit 2,097,152)"

# First paint of the overview: Chromium's own paint timing, headless, from file://.
node "$root/bench/first-paint.mjs" "$work/site/overview.html"

start=$(date +%s.%N)
timed "ingest" "$obs" --db "$work/ingest.duckdb" ingest "$work/bundles" >/dev/null
end=$(date +%s.%N)
echo "ingest: $samples samples in $(echo "$end - $start" | bc) s wall = $(echo "$samples / ($end - $start)" | bc) samples/s"
echo "work directory: $work"
