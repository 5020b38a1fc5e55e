#!/usr/bin/env bash
# The official Wasmtime CLI release, checked against its pinned sha256 (pins.tsv). Writes results/runtimes.d/wasmtime.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wasmtime}"
COMMAND="$PREFIX/wasmtime"
read -r version url sha <<<"$(pin wasmtime)"
[[ -n "${url:-}" ]] || not_installed wasmtime "$COMMAND" "no release pinned for $(arch)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch wasmtime "$url" "$sha" "$tmp/a.tar.xz"
mkdir -p "$PREFIX" && tar -xJf "$tmp/a.tar.xz" -C "$tmp" && cp "$tmp"/wasmtime-*/wasmtime "$COMMAND" \
  || not_installed wasmtime "$COMMAND" "unpacking $url failed"
printf '[[cli]]\nname = "wasmtime"\ncommand = "%s"\n' "$COMMAND" > "$FRAGMENTS/wasmtime.toml"
echo "wasmtime $version: $COMMAND"
