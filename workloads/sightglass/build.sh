#!/usr/bin/env bash
# Builds each NAME/benchmark.c here into a Sightglass-layout benchmark.wasm (wasm32-wasi, clang-22):
#   workloads/sightglass/build.sh        in place, beside the sources (benchmark.wasm is not committed)
#   workloads/sightglass/build.sh OUT    into OUT/NAME/, with each benchmark's *.input and *.expected files
# Then: observatory run --wasm workloads/sightglass (or OUT) runs all of them.
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here}
mkdir -p "$out"
out=$(cd "$out" && pwd)
for src in "$here"/*/benchmark.c; do
  dir=$(dirname "$src")
  name=$(basename "$dir")
  mkdir -p "$out/$name"
  if [[ $out != "$here" ]]; then
    for f in "$dir"/*.input "$dir"/*.expected; do cp "$f" "$out/$name/"; done
  fi
  # Debian's wasi-libc lives where clang's wasm32-wasi target looks by default; --no-wasm-opt keeps
  # the build independent of whatever wasm-opt is on PATH.
  clang-22 --target=wasm32-wasi -Wno-deprecated -O2 --no-wasm-opt -Wl,--strip-debug -o "$out/$name/benchmark.wasm" "$src"
done
echo "built $(ls "$out"/*/benchmark.wasm | wc -l) benchmarks under $out"
