#!/usr/bin/env bash
# WAMR from its pinned release source: iwasm and libiwasm.so with the wasm-c-api (WAMR publishes no
# libiwasm.so with the C API, so it is built here with cmake). Writes results/runtimes.d/iwasm.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wamr}"
COMMAND="$PREFIX/iwasm"
read -r version url sha <<<"$(pin wamr)"
[[ -n "${url:-}" ]] || not_installed iwasm "$COMMAND" "no release pinned"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch iwasm "$url" "$sha" "$tmp/src.tar.gz"
tar -xzf "$tmp/src.tar.gz" -C "$tmp" || not_installed iwasm "$COMMAND" "unpacking $url failed"
src="$(echo "$tmp"/wasm-micro-runtime-*)"
cmake -S "$src/product-mini/platforms/linux" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release \
    -DWAMR_BUILD_INTERP=1 -DWAMR_BUILD_FAST_INTERP=1 -DWAMR_BUILD_LIBC_WASI=1 -DWAMR_BUILD_LIB_PTHREAD=0 >/dev/null \
  && cmake --build "$tmp/build" -j "$(nproc)" >/dev/null \
  || not_installed iwasm "$COMMAND" "building WAMR $version failed (cmake and a C compiler are needed)"
mkdir -p "$PREFIX" && cp "$tmp/build/iwasm" "$COMMAND"
{
  printf '[[cli]]\nname = "iwasm"\ncommand = "%s"\n' "$COMMAND"
  if [[ -f "$tmp/build/libiwasm.so" ]] && nm -D "$tmp/build/libiwasm.so" | grep -q ' wasm_engine_new$'; then
    cp "$tmp/build/libiwasm.so" "$PREFIX/libiwasm.so"
    printf '\n[[wasmc]]\nlibrary = "%s"\nname = "wamr"\nversion = "%s"\n' "$PREFIX/libiwasm.so" "$version"
  else
    printf '# libiwasm.so: not installed: the build produced no library exporting the wasm-c-api (wasm_engine_new)\n'
  fi
} > "$FRAGMENTS/iwasm.toml"
echo "wamr $version: $COMMAND"
