# Shared by the per-runtime install scripts (sourced, not run). Each script installs one official
# runtime release into $PREFIX (default results/runtimes/NAME) and writes a runtimes.toml fragment to
# $FRAGMENTS/NAME.toml (default results/runtimes.d). Nothing is installed before its sha256 matches the
# pin in pins.tsv; any failure (no pin, download, checksum, build) writes a fragment that lists the runtime
# as not-installed with the reason, and the script still exits 0 so a nightly goes on without it.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FRAGMENTS="${FRAGMENTS:-$ROOT/results/runtimes.d}"
PINS="${PINS:-$HERE/pins.tsv}"
# The script that sourced this file (wamr.sh declares "iwasm": the hint must name the script, not the runtime).
SCRIPT="build/runtimes/$(basename "$0")"
mkdir -p "$FRAGMENTS"

arch() {
  case "$(uname -m)" in
    x86_64|amd64) echo x86_64 ;;
    aarch64|arm64) echo aarch64 ;;
    *) uname -m ;;
  esac
}

# pin RUNTIME -> "version url sha256" for this CPU (or "any"), nothing when there is no line.
pin() {
  awk -F'\t' -v r="$1" -v a="$(arch)" '!/^#/ && $1 == r && ($3 == a || $3 == "any") { print $2, $4, $5; exit }' "$PINS"
}

# not_installed NAME COMMAND REASON: a fragment that makes `observatory runtimes` list NAME not-installed with REASON.
not_installed() {
  local reason="${3//\"/\'}"
  printf '# %s: not installed: %s\n[[cli]]\nname = "%s"\ncommand = "%s"\ninstall = "%s (%s)"\n' \
    "$1" "$reason" "$1" "$2" "$reason" "$SCRIPT" > "$FRAGMENTS/$1.toml"
  echo "$1: not installed: $3" >&2
  exit 0
}

# fetch NAME URL SHA256 FILE: download to FILE and verify; on any failure the runtime is not installed.
fetch() {
  local name="$1" url="$2" sha="$3" out="$4"
  [[ "$sha" =~ ^[0-9a-f]{64}$ ]] || not_installed "$name" "${COMMAND:-$name}" "no sha256 pinned for $url in build/runtimes/pins.tsv (run build/runtimes/pin.sh)"
  curl -fsSL --retry 3 -o "$out" "$url" || not_installed "$name" "${COMMAND:-$name}" "download of $url failed"
  local got
  got="$(sha256sum "$out" | cut -d' ' -f1)"
  [[ "$got" == "$sha" ]] || not_installed "$name" "${COMMAND:-$name}" "sha256 mismatch for $url: expected $sha, got $got"
}
