#!/usr/bin/env bash
# The nightly's history lives on the `results` branch (Parquet files only, no code): fetch it into DIR, or
# commit and push what DIR holds. Each run has its own directory, so two nightlies never touch the same
# file and a push that lost a race is retried after a rebase. Usage: results-branch.sh fetch|push DIR [MESSAGE]
set -euo pipefail
action="$1" dir="$2" branch="${RESULTS_BRANCH:-results}"
case "$action" in
  fetch)
    if git ls-remote --exit-code --heads origin "$branch" >/dev/null; then
      git fetch --depth=1 origin "$branch"
      git worktree add "$dir" FETCH_HEAD
      git -C "$dir" switch -c "$branch"
    else
      # First nightly: an empty orphan branch.
      git worktree add --detach "$dir"
      git -C "$dir" switch --orphan "$branch"
    fi
    mkdir -p "$dir/history" ;;
  push)
    cd "$dir"
    git add history
    git -c user.name="observatory-nightly" -c user.email="observatory-nightly@users.noreply.github.com" commit -q -m "${3:-nightly results}" || { echo "nothing new to push"; exit 0; }
    for attempt in 1 2 3; do
      if git push origin "HEAD:$branch"; then exit 0; fi
      echo "push lost a race (attempt $attempt): rebasing on the new $branch" >&2
      git pull --rebase origin "$branch"
    done
    exit 1 ;;
  *) echo "results-branch.sh: unknown action '$action' (fetch or push)" >&2; exit 2 ;;
esac
