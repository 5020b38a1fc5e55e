#!/usr/bin/env bash
# The nightly (.github/workflows/nightly.yml) run locally: SHARDS shards on each of two machines (distinct
# OBSERVATORY_MACHINE_IDs on this one host, each shard with its own database as on its own runner), the
# bundles collected as the artifacts would be, then the merge job: ingest into one Parquet history, alerts
# (Markdown, as written to the step summary) and one site showing both machines. Prints where everything is
# and how big one run is in the history (for the "year of nightlies" estimate).
#
#   bench/simulate-nightly.sh [WORK]            (default WORK: results/simulate-nightly, emptied first)
# Environment: MACHINES ("sim-x86_64 sim-aarch64"), SHARDS (2), WORKLOADS (glob, default "nbody,sha256,mandelbrot,noop"),
# ENGINES (default "native,wasmtime-*/cranelift"), RUN_ARGS (extra `run` options, default "--profile quick"),
# NIGHTS (1; 2 or more also gives alerts something to compare), OBSERVATORY (the CLI, default ./observatory).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(realpath -m "${1:-$ROOT/results/simulate-nightly}")"
MACHINES="${MACHINES:-sim-x86_64 sim-aarch64}"
SHARDS="${SHARDS:-2}"
WORKLOADS="${WORKLOADS:-nbody,sha256,mandelbrot,noop}"
ENGINES="${ENGINES:-native,wasmtime-*/cranelift}"
RUN_ARGS="${RUN_ARGS:---profile quick}"
NIGHTS="${NIGHTS:-1}"
OBS="${OBSERVATORY:-$ROOT/observatory}"

rm -rf "$WORK" && mkdir -p "$WORK/incoming"
echo "== measure: $SHARDS shards x machines ($MACHINES) x $NIGHTS nights"
for night in $(seq 1 "$NIGHTS"); do
  for machine in $MACHINES; do
    for shard in $(seq 1 "$SHARDS"); do
      job="$WORK/jobs/night$night-$machine-shard$shard"
      mkdir -p "$job"
      # shellcheck disable=SC2086 # RUN_ARGS is a list of options
      if ! OBSERVATORY_MACHINE_ID="$machine" OBSERVATORY_LABEL=nightly "$OBS" run --shard "$shard/$SHARDS" \
          --workloads "$WORKLOADS" --engines "$ENGINES" --db "$job/o.duckdb" $RUN_ARGS > "$job/run.log" 2>&1; then
        # As in the workflow: a failed shard still uploads what it measured, marked incomplete.
        mkdir -p "$job/runs" && echo "night $night shard $shard/$SHARDS on $machine failed (see $job/run.log)" > "$job/runs/INCOMPLETE"
      fi
      tail -n 1 "$job/run.log"
      # The newest run before the last night: what the last night's alerts are judged after (below).
      if ((night == NIGHTS - 1)); then last_before="$(grep -o 'run id [0-9a-f-]*' "$job/run.log" | tail -n 1 | cut -d' ' -f3)"; fi
      # The artifact upload/download: each job's results/runs as its own directory.
      [[ -d "$job/runs" ]] && cp -r "$job/runs" "$WORK/incoming/bundles-night$night-$machine-shard$shard"
    done
  done
done

echo "== merge"
for f in "$WORK"/incoming/*/INCOMPLETE; do [[ -f "$f" ]] && echo "warning: $(cat "$f")"; done
shopt -s nullglob
bundles=("$WORK"/incoming/*/)
status=0
if ((${#bundles[@]})); then "$OBS" ingest --history "$WORK/history" "${bundles[@]}" || status=$?; fi
# The workflow's alerts take one nightly as the runs of the last 6 hours; simulated nights are minutes
# apart, so the last night is named here: every run after the night before it.
since=()
if [[ -n "${last_before:-}" ]]; then since=(--since "$last_before"); echo "alerts: night $NIGHTS judged against the nights before it (--since $last_before)"; fi
"$OBS" alerts --history "$WORK/history" "${since[@]}" --markdown > "$WORK/alerts.md"
"$OBS" report --history "$WORK/history" --out "$WORK/site"

runs=$(find "$WORK/history" -mindepth 3 -maxdepth 3 -type d | wc -l)
bytes=$(du -sb "$WORK/history" | cut -f1)
echo "== history: $runs runs, $bytes bytes ($((bytes / (runs > 0 ? runs : 1))) bytes per run) in $WORK/history"
for machine in $MACHINES; do
  [[ -d "$WORK/history/machine=$machine" ]] && echo "machine=$machine: $(find "$WORK/history/machine=$machine" -mindepth 2 -maxdepth 2 -type d | wc -l) runs"
done
echo "== alerts ($WORK/alerts.md)"
cat "$WORK/alerts.md"
echo "== site: $WORK/site/index.html"
exit "$status"
