#!/usr/bin/env bash
# The official wazero CLI release. Writes results/runtimes.d/wazero.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wazero}"
COMMAND="$PREFIX/wazero"
read -r version url sha <<<"$(pin wazero)"
[[ -n "${url:-}" ]] || not_installed wazero "$COMMAND" "no release pinned for $(arch)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch wazero "$url" "$sha" "$tmp/a.tar.gz"
mkdir -p "$PREFIX" && tar -xzf "$tmp/a.tar.gz" -C "$PREFIX" wazero && [[ -x "$COMMAND" ]] \
  || not_installed wazero "$COMMAND" "unpacking $url failed (no wazero binary)"
printf '[[cli]]\nname = "wazero"\ncommand = "%s"\n' "$COMMAND" > "$FRAGMENTS/wazero.toml"
echo "wazero $version: $COMMAND"
