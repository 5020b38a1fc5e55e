#!/usr/bin/env bash
# Background load for the sensitivity benchmark: Debian's stress-ng, a CPU and memory
# stressor, on one core (the "other" core of a 2-core machine), at a level that differs
# from run to run, as the load of a shared CI runner does. Source this file for the
# functions, or run it:
#
#   bench/stressor.sh run LEVEL [CPU] -- COMMAND...   start LEVEL on CPU (default 0), run COMMAND, always stop it
#   bench/stressor.sh levels                          list the levels
#
# Levels: 0 none; 1 a CPU hog at 40%; 2 a CPU hog at 100%; 3 a memory streamer
# (256 MiB) plus a CPU hog at 60%. stressor_stop kills the whole process group, so
# no stress-ng worker outlives the caller (the caller's trap EXIT calls it).
set -euo pipefail

stressor_pid=""

stressor_args() {
  case "$1" in
    0) ;;
    1) echo "--cpu 1 --cpu-load 40" ;;
    2) echo "--cpu 1 --cpu-load 100" ;;
    3) echo "--vm 1 --vm-bytes 256M --cpu 1 --cpu-load 60" ;;
    *) echo "stressor.sh: unknown level '$1' (0-3)" >&2; return 2 ;;
  esac
}

# stressor_start LEVEL [CPU]: starts stress-ng in its own process group; sets stressor_pid (empty for level 0).
stressor_start() {
  local level="$1" cpu="${2:-0}" args
  args="$(stressor_args "$level")" || return 2
  stressor_stop
  [[ -z "$args" ]] && return 0
  command -v stress-ng >/dev/null || { echo "stressor.sh: stress-ng is not installed (apt-get install stress-ng)" >&2; return 2; }
  # setsid: its own process group, so stopping it reaches every worker it forked.
  # shellcheck disable=SC2086
  setsid stress-ng $args --taskset "$cpu" --timeout 3h --quiet >/dev/null 2>&1 &
  stressor_pid=$!
}

# stressor_stop: ends the stressor started by stressor_start (its process group) and waits for it.
stressor_stop() {
  [[ -z "$stressor_pid" ]] && return 0
  kill -TERM -- "-$stressor_pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$stressor_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$stressor_pid" 2>/dev/null || true
  wait "$stressor_pid" 2>/dev/null || true
  stressor_pid=""
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  case "${1:-}" in
    levels) for l in 0 1 2 3; do echo "$l: $(stressor_args "$l")"; done ;;
    run)
      level="${2:?usage: stressor.sh run LEVEL [CPU] -- COMMAND...}"; shift 2
      cpu=0; if [[ "${1:-}" != "--" ]]; then cpu="${1:?}"; shift; fi
      [[ "${1:-}" == "--" ]] || { echo "stressor.sh: expected -- COMMAND" >&2; exit 2; }
      shift
      trap stressor_stop EXIT
      stressor_start "$level" "$cpu"
      STRESSOR_PID="$stressor_pid" "$@"
      ;;
    *) echo "usage: stressor.sh run LEVEL [CPU] -- COMMAND... | levels" >&2; exit 2 ;;
  esac
fi
