#!/usr/bin/env bash
# Declares two builds of a runtime for an A/B run: writes a runtimes.toml to $1 and prints the
# `run --ab` value naming them. BASE and HEAD are runtime CLIs (driven like the built-in RUNTIME:
# wasmtime, wasmer, wasmedge, iwasm, wazero, wasm3) or wasm.h shared libraries (*.so), each for the
# standard C API engine. Usage: ab-runtimes.sh OUT.toml BASE HEAD [RUNTIME]
set -euo pipefail
out="$1" base="$2" head="$3" runtime="${4:-wasmtime}"
for p in "$base" "$head"; do
  [[ -e "$p" ]] || { echo "ab-runtimes: $p does not exist (inputs base and head are paths to a runtime CLI or a wasm.h library)" >&2; exit 1; }
done
library() { [[ "$1" == *.so || "$1" == *.so.* ]]; }
if library "$base" && library "$head"; then
  printf '[[wasmc]]\nlibrary = "%s"\nname = "ab-base"\n\n[[wasmc]]\nlibrary = "%s"\nname = "ab-head"\n' "$(realpath "$base")" "$(realpath "$head")" > "$out"
  echo "wasmc-ab-base*,wasmc-ab-head*"
elif ! library "$base" && ! library "$head"; then
  printf '[[cli]]\nname = "ab-base"\nlike = "%s"\ncommand = "%s"\n\n[[cli]]\nname = "ab-head"\nlike = "%s"\ncommand = "%s"\n' \
    "$runtime" "$(realpath "$base")" "$runtime" "$(realpath "$head")" > "$out"
  echo "ab-base*,ab-head*"
else
  echo "ab-runtimes: base and head must both be CLIs or both wasm.h libraries (got $base and $head)" >&2
  exit 1
fi
