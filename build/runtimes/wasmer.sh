#!/usr/bin/env bash
# The official Wasmer release: the CLI and libwasmer.so (the wasm.h engine). Writes results/runtimes.d/wasmer.toml.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PREFIX="${PREFIX:-$ROOT/results/runtimes/wasmer}"
COMMAND="$PREFIX/bin/wasmer"
read -r version url sha <<<"$(pin wasmer)"
[[ -n "${url:-}" ]] || not_installed wasmer "$COMMAND" "no release pinned for $(arch)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
fetch wasmer "$url" "$sha" "$tmp/a.tar.gz"
mkdir -p "$PREFIX" && tar -xzf "$tmp/a.tar.gz" -C "$PREFIX" && [[ -x "$COMMAND" ]] \
  || not_installed wasmer "$COMMAND" "unpacking $url failed (no bin/wasmer)"
{
  printf '[[cli]]\nname = "wasmer"\ncommand = "%s"\n' "$COMMAND"
  if [[ -f "$PREFIX/lib/libwasmer.so" ]]; then
    printf '\n[[wasmc]]\nlibrary = "%s"\nname = "wasmer"\nversion = "%s"\n' "$PREFIX/lib/libwasmer.so" "$version"
  else
    printf '# libwasmer.so: not installed: the release archive has no lib/libwasmer.so\n'
  fi
} > "$FRAGMENTS/wasmer.toml"
echo "wasmer $version: $COMMAND"
