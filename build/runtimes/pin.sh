#!/usr/bin/env bash
# For maintainers, on a machine with network: downloads every release in pins.tsv and prints the file with each
# sha256 as served today (comment lines kept). A pinned digest that differs from the download is reported on
# stderr and the script exits 1: a pin is changed only on purpose (a new version), never to follow a download.
# Usage: build/runtimes/pin.sh > build/runtimes/pins.tsv.new   (then review the diff and the provenance comments)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PINS="${PINS:-$HERE/pins.tsv}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
status=0
while IFS= read -r line; do
  if [[ "$line" == \#* || -z "$line" ]]; then echo "$line"; continue; fi
  IFS=$'\t' read -r runtime version arch url pinned <<<"$line"
  curl -fsSL --retry 3 -o "$tmp/f" "$url"
  got="$(sha256sum "$tmp/f" | cut -d' ' -f1)"
  if [[ "$pinned" =~ ^[0-9a-f]{64}$ && "$pinned" != "$got" ]]; then
    echo "pin.sh: $url: pinned $pinned, downloaded $got" >&2
    status=1
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$runtime" "$version" "$arch" "$url" "$got"
done < "$PINS"
exit "$status"
