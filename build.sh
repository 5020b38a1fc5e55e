#!/usr/bin/env bash
# Bootstraps a fresh machine and runs the Cake build: ./build.sh [--target=TASK] [cake options]
#   ./build.sh                 the main job: set up, build the corpus, benchmark every ready engine, conformance, report
#   ./build.sh --target=Test   build and run the test suite
# Each step is skipped when already done (installed packages, npm stamp, incremental builds, cached artifacts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

APT_PACKAGES=(
  clang-22 lld-22 wasi-libc libclang-rt-22-dev-wasm32 libc++-22-dev-wasm32 libc++abi-22-dev-wasm32
  binaryen wabt fonts-dejavu-core chromium rustc libstd-rust-dev-wasm32 lld-14 valgrind git time python3 bubblewrap
  gjs firefox-esr stress-ng
  qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross libatomic1-arm64-cross libc6-dev-arm64-cross libgcc-12-dev-arm64-cross
  libc6-s390x-cross libstdc++6-s390x-cross libatomic1-s390x-cross libc6-dev-s390x-cross libgcc-12-dev-s390x-cross
  libc6-ppc64el-cross libstdc++6-ppc64el-cross libatomic1-ppc64el-cross libc6-dev-ppc64el-cross libgcc-12-dev-ppc64el-cross
  libc6-armhf-cross libstdc++6-armhf-cross libatomic1-armhf-cross libc6-dev-armhf-cross libgcc-12-dev-armhf-cross
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "build.sh: installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "build.sh: cannot install packages without root. Run this, then ./build.sh again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

for tool in node npm dotnet; do
  command -v "$tool" >/dev/null || { echo "build.sh: '$tool' is not on PATH; install it first (Node.js 20 with npm, .NET SDK 10)" >&2; exit 1; }
done

# npm ci wipes node_modules every time: only run it when the lock file changed.
stamp=node_modules/.observatory-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "build.sh: npm ci --ignore-scripts (pinned runtimes and third-party modules)"
  # --force: the lock holds Node builds for other CPUs (run under qemu-user); npm refuses foreign-CPU
  # packages without it. --no-bin-links: those builds all declare a `node` bin; nothing here uses .bin.
  npm_log=$(mktemp)
  if ! npm ci --ignore-scripts --no-bin-links --force --no-audit --no-fund --loglevel=error 2>"$npm_log"; then
    cat "$npm_log" >&2; rm -f "$npm_log"; echo "build.sh: npm ci failed (see above)" >&2; exit 1
  fi
  grep -v 'using --force' "$npm_log" >&2 || true; rm -f "$npm_log"
  echo "$want" > "$stamp"
fi

dotnet tool restore >/dev/null
exec dotnet tool run dotnet-cake build/build.cake "$@"
