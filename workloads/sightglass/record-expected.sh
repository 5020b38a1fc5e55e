#!/usr/bin/env bash
# Records the expected files from a native build of each benchmark (clang-22 for the host): an
# engine independent of every wasm runtime. Which streams each benchmark is checked on, and which
# expected files lack their final newline on purpose (Sightglass compares by lines), is listed here.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
declare -A streams=(
  [fib]=stdout [sieve]=stdout [wordcount]=stdout [checksum]="stdout stderr" [matmul]=stdout
  [quicksort]="stdout stderr" [base64]=stdout [nqueens]=stderr [crc32]=stdout [mandelbrot]=stdout
  [zero-mismatches]=stdout
)
declare -A no_final_newline=([sieve]=stdout [matmul]=stdout [nqueens]=stderr [zero-mismatches]=stdout)
for name in "${!streams[@]}"; do
  dir=$here/$name
  clang-22 -O2 -o "$tmp/$name" "$dir/benchmark.c"
  (cd "$dir" && "$tmp/$name" >"$tmp/$name.stdout" 2>"$tmp/$name.stderr")
  rm -f "$dir"/*.expected
  for s in ${streams[$name]}; do
    cp "$tmp/$name.$s" "$dir/benchmark.$s.expected"
    if [[ ${no_final_newline[$name]:-} == "$s" ]]; then truncate -s -1 "$dir/benchmark.$s.expected"; fi
  done
done
