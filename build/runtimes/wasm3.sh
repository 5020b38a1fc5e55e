#!/usr/bin/env bash
# wasm3 from its pinned release source (it publishes no Linux binary for every CPU), built with cmake.
# Writes results/runtimes.d/wasm3.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wasm3}"
COMMAND="$PREFIX/wasm3"
read -r version url sha <<<"$(pin wasm3)"
[[ -n "${url:-}" ]] || not_installed wasm3 "$COMMAND" "no release pinned"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch wasm3 "$url" "$sha" "$tmp/src.tar.gz"
tar -xzf "$tmp/src.tar.gz" -C "$tmp" || not_installed wasm3 "$COMMAND" "unpacking $url failed"
cmake -S "$(echo "$tmp"/wasm3-*)" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release >/dev/null \
  && cmake --build "$tmp/build" -j "$(nproc)" >/dev/null \
  || not_installed wasm3 "$COMMAND" "building wasm3 $version failed (cmake and a C compiler are needed)"
mkdir -p "$PREFIX" && cp "$tmp/build/wasm3" "$COMMAND"
printf '[[cli]]\nname = "wasm3"\ncommand = "%s"\n' "$COMMAND" > "$FRAGMENTS/wasm3.toml"
echo "wasm3 $version: $COMMAND"
