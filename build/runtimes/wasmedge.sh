#!/usr/bin/env bash
# The official WasmEdge release (CLI with its bundled libwasmedge). Writes results/runtimes.d/wasmedge.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wasmedge}"
COMMAND="$PREFIX/bin/wasmedge"
read -r version url sha <<<"$(pin wasmedge)"
[[ -n "${url:-}" ]] || not_installed wasmedge "$COMMAND" "no release pinned for $(arch)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch wasmedge "$url" "$sha" "$tmp/a.tar.gz"
mkdir -p "$PREFIX" && tar -xzf "$tmp/a.tar.gz" -C "$PREFIX" --strip-components=1 && [[ -x "$COMMAND" ]] \
  || not_installed wasmedge "$COMMAND" "unpacking $url failed (no bin/wasmedge)"
printf '[[cli]]\nname = "wasmedge"\ncommand = "%s"\n' "$COMMAND" > "$FRAGMENTS/wasmedge.toml"
echo "wasmedge $version: $COMMAND"
