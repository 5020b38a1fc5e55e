#!/usr/bin/env bash
# Installs every pinned official runtime (one script each) and merges their fragments into one
# runtimes.toml ($OBSERVATORY_RUNTIMES, default runtimes.toml at the repository root). A runtime that
# cannot be installed is in the file as not-installed with the reason; this script never fails for one.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export FRAGMENTS="${FRAGMENTS:-$ROOT/results/runtimes.d}"
OUT="${OBSERVATORY_RUNTIMES:-$ROOT/runtimes.toml}"
rm -rf "$FRAGMENTS" && mkdir -p "$FRAGMENTS"
for r in wasmtime wasmer wasmedge wamr wazero wasm3; do
  bash "$HERE/$r.sh" || echo "$r: install script failed unexpectedly (exit $?)" >&2
done
{ echo "# Written by build/runtimes/install-all.sh: the official runtimes pinned in build/runtimes/pins.tsv."; cat "$FRAGMENTS"/*.toml; } > "$OUT"
echo "runtimes declared in $OUT"
