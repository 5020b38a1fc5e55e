#!/usr/bin/env bash
# Opens or updates one GitHub issue per regression series from `observatory alerts --json` (file $1),
# through the GitHub CLI. The series key (MACHINE:WORKLOAD/VARIANT@ENGINE) is in the title, and an
# open issue whose title has it gets a comment instead of a twin: never a duplicate for one series.
set -euo pipefail
alerts="$1"
label="${ALERT_LABEL:-performance-regression}"
gh label create "$label" --color d93f0b --description "opened by the observatory nightly" 2>/dev/null || true
jq -c '.alerts[]' "$alerts" | while read -r a; do
  key="$(jq -r .seriesKey <<<"$a")"
  title="Performance regression: $key"
  body="$(jq -r '"The observatory nightly found a \(.kind) in run `\(.runId)` against `\(.baseRunId)`: ratio \(.ratio)" + (if .ciLow then " (95% CI \(.ciLow) .. \(.ciHigh), BH-adjusted p \(.pAdjusted))" else "" end) + ".\n\n\(.detail)\n\nSeries key: `\(.seriesKey)`"' <<<"$a")"
  existing="$(gh issue list --state open --label "$label" --search "\"$key\" in:title" --json number,title \
    | jq -r --arg t "$title" '.[] | select(.title == $t) | .number' | head -n1)"
  if [[ -n "$existing" ]]; then
    gh issue comment "$existing" --body "$body"
    echo "updated #$existing ($key)"
  else
    gh issue create --title "$title" --label "$label" --body "$body"
    echo "opened an issue for $key"
  fi
done
