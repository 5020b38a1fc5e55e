#!/usr/bin/env bash
# For maintainers, on a machine with network: downloads every release in pins.tsv and prints the file with
# each sha256 filled in (trust on first use: compare with the project's published checksums where it has
# them, then commit). Usage: build/runtimes/pin.sh > build/runtimes/pins.tsv.new
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
while IFS= read -r line; do
  if [[ "$line" == \#* || -z "$line" ]]; then echo "$line"; continue; fi
  IFS=$'\t' read -r runtime version arch url _ <<<"$line"
  curl -fsSL --retry 3 -o "$tmp/f" "$url"
  printf '%s\t%s\t%s\t%s\t%s\n' "$runtime" "$version" "$arch" "$url" "$(sha256sum "$tmp/f" | cut -d' ' -f1)"
done < "$HERE/pins.tsv"
