#!/usr/bin/env bash
# Output check of the whole corpus on every ready engine: one engine process of one
# iteration per cell (no timing claims), one stored run per workload so an interrupted
# pass keeps what it finished. Each cell's outcome (ok, wrong-output, trap, timeout, crash,
# unsupported with its reason) lands in the database; the summary at the end counts them.
#
# usage: bench/verify-every-engine.sh [--db PATH] [--engines GLOB] [WORKLOAD...]
#   --db PATH       database (default: results/verify.duckdb, kept apart from the benchmark runs)
#   --engines GLOB  engines (default: every ready engine)
#   WORKLOAD...     workloads in this order (default: every workload, the large third-party
#                   modules last: each of their cells compiles 20-75 MB of code)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
db="$root/results/verify.duckdb" engines=() workloads=()
while (($#)); do
  case "$1" in
    --db) db="${2:?--db needs a path}"; shift 2 ;;
    --engines) engines=(--engines "${2:?--engines needs a glob}"); shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) echo "verify-every-engine.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    *) workloads+=("$1"); shift ;;
  esac
done
if ((${#workloads[@]} == 0)); then
  large=(flite-speak yosys-counter clang-hello)
  for d in "$root"/workloads/*/workload.toml; do
    w="$(basename "$(dirname "$d")")"
    [[ "$w" == noop || " ${large[*]} " == *" $w "* ]] || workloads+=("$w")
  done
  workloads+=("${large[@]}")
fi
for w in "${workloads[@]}"; do
  echo "== $w ($(date -u +%H:%M:%S) UTC)"
  # --wide: one whole row per cell (workload variant engine outcome ...), which the grep picks failures from.
  "$root/observatory" run --workloads "$w" ${engines[@]+"${engines[@]}"} --min-processes 1 --max-processes 1 --iterations 1 \
    --no-overhead --wide --label "verify-$w" --db "$db" | grep -E "cells ok|^[a-z0-9-]+ +[A-Za-z0-9-]+ +[a-z0-9.+/-]+ +(wrong-output|trap|timeout|crash|unsupported)" || true
done
echo "== done ($(date -u +%H:%M:%S) UTC); outcomes per cell are in $db (runs labelled verify-*)"
