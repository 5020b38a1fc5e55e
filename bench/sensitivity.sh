#!/usr/bin/env bash
# Sensitivity benchmark: can the observatory tell "no change" from "5% more work" on a
# shared, noisy machine? Not a test (it takes half an hour and depends on the machine);
# rerun it after changing the measurement protocol and quote its rates.
#
#   (a) a run compared with a rerun of the same build must be Same in >= 98% of cells;
#   (b) a run of workload variants doing 5% more work must be Slower in >= 95% of cells;
#       A/B in one run must reach (b) at +3%.
#
# Honest about shared machines: the background load changes between runs on purpose.
# A CPU and memory stressor (Debian stress-ng, bench/stressor.sh) runs on CPU 0 at a
# different level for each run while the observatory and its engines are pinned to
# CPU 1; the stressor is always stopped (trap EXIT), also when a run fails.
#
# Runs, into one fresh database:
#   base     the kernels, stress level 2        rerun   the same corpus, level 0
#   more-S   kernels scaled by S (each --scales), levels 3, 1, ...
#   ab-same  `run --ab` of two identical CLIs (node WASI, bench/ab-runner.mjs), level 2 (with the default two scales)
#   ab-more  `run --ab` of that CLI against a copy spinning --ab-scale more CPU time, level 3
#            (each with run --ab's own bounds: one process per slot (two CLIs), rounds until the paired
#            ratio's signed-rank CI is within ±1%; compare judges them on paired rounds, Hodges-Lehmann
#            estimate, at --threshold 0.02, its A/B default)
# then `observatory compare` on each metric: wall, cpu, normalized (each sample / native's
# in the same round), instructions (callgrind; native, Wasmtime, the npm Node builds), auto (the
# default), and the A/B runs within themselves. The variants are real workloads: copies of
# corpus kernels whose [profiles] quick arguments scale one work-count argument by S.
# The normalized metric cannot see a work-scaled corpus by construction (native, the
# reference, does the extra work too): its (b) column says so; its (a) shows the drift it
# removes, and A/B is the way to judge one runtime build against another.
#
# usage: bench/sensitivity.sh [--engines GLOB] [--scales 1.05,1.1] [--ab-scale 0.03] [--kernels A,B] [--ab-only]
#                             [--keep DIR] [--no-build] [--no-stress] [--no-instructions] [-- RUN OPTIONS...]
#   --engines GLOB      engines to run (default: native,wasmtime-*/cranelift,node-26*/default; the npm Node
#                       builds can be counted by callgrind, Debian's stripped node 20 cannot)
#   --scales LIST       work factors of the variant corpora (default 1.05,1.1)
#   --ab-scale F        extra CPU time of the A/B head (default 0.03 = 3%)
#   --kernels LIST      a subset of the kernels below (default: all)
#   --ab-only           only the two A/B runs (ab-same, ab-more) and their rates
#   --keep DIR          keep the corpora, database and JSON in DIR (default: a temp dir, deleted)
#   --no-build          use the observatory as built
#   --no-stress         no stressor (a quiet-machine baseline); no pinning either
#   --no-instructions   skip the callgrind pass (the slowest part)
#   -- OPTIONS          passed to every `observatory run` of the corpora (e.g. --max-processes 3); not to the
#                       A/B runs, which keep run --ab's own process bounds
# Exit status: 0 when compare's default metric meets both goals, 1 when it misses, 2 on a usage error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines="native,wasmtime-*/cranelift,node-26*/default" scales="1.05,1.1" ab_scale="0.03" only="" keep="" build=1 stress=1 instructions=1 ab_only=0 run_opts=()
while (($#)); do
  case "$1" in
    --engines) engines="${2:?--engines needs a value}"; shift 2 ;;
    --scales) scales="${2:?--scales needs a value}"; shift 2 ;;
    --ab-scale) ab_scale="${2:?--ab-scale needs a value}"; shift 2 ;;
    --kernels) only="${2:?--kernels needs a value}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a directory}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-stress) stress=0; shift ;;
    --no-instructions) instructions=0; shift ;;
    --ab-only) ab_only=1; shift ;;
    --) shift; run_opts=("$@"); break ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "sensitivity.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
IFS=',' read -r -a scale_list <<<"$scales"
for s in "${scale_list[@]}"; do
  python3 -c "import sys; f=float(sys.argv[1]); sys.exit(0 if 1.0 < f < 3.0 else 1)" "$s" 2>/dev/null \
    || { echo "sensitivity.sh: --scales: each factor must be a number between 1 and 3 (got '$s')" >&2; exit 2; }
done
python3 -c "import sys; f=float(sys.argv[1]); sys.exit(0 if 0.0 < f < 1.0 else 1)" "$ab_scale" 2>/dev/null \
  || { echo "sensitivity.sh: --ab-scale must be a fraction between 0 and 1 (got '$ab_scale')" >&2; exit 2; }

# Kernel, variants' work: "name|base args|index of the work-count argument". Base sizes are
# about a third of the quick profile (~0.1-0.3 s natively) so the runs take minutes. Work
# counts are at least 20, so that 5% more is a whole step (10 repetitions x 1.05 rounds back
# to 10: the variant would do no more work at all); make_corpus refuses a factor that does not
# change the count by itself within 2.5%.
kernels=(
  "nbody|3000000|0"
  "sha256|50|0"
  "jacobi-2d|1000 100|1"
  "lu|400 20|1"
  "gemm|400 20|1"
  "2mm|360 20|1"
  "floyd-warshall|400 20|1"
)
if [[ -n "$only" ]]; then
  chosen=()
  for k in "${kernels[@]}"; do [[ ",$only," == *",${k%%|*},"* ]] && chosen+=("$k"); done
  ((${#chosen[@]})) || { echo "sensitivity.sh: --kernels '$only' names none of the kernels" >&2; exit 2; }
  kernels=("${chosen[@]}")
fi

# shellcheck source=bench/stressor.sh
source "$root/bench/stressor.sh"
if [[ -n "$keep" ]]; then work="$keep"; mkdir -p "$work"; else work="$(mktemp -d -t observatory-sensitivity-XXXXXX)"; fi
cleanup() { stressor_stop; [[ -n "$keep" ]] || rm -rf "$work"; }
trap cleanup EXIT
if ((build)); then dotnet build "$root/src/Harness/Observatory.Harness.csproj" -c Release -nologo -v quiet >&2; fi
obs() { OBSERVATORY_ROOT="$root" OBSERVATORY_RUNTIMES="$work/runtimes.toml" dotnet "$root/src/Harness/bin/Release/net10.0/linux-x64/observatory.dll" "$@"; }

# Corpora with the same workload names, so runs line up cell by cell.
make_corpus() { # DIR FACTOR
  local dir="$1" factor="$2"
  mkdir -p "$dir"; cp "$root/workloads/bench.h" "$dir/"
  for k in "${kernels[@]}"; do
    IFS='|' read -r name args index <<<"$k"
    [[ -d "$root/workloads/$name" ]] || { echo "sensitivity.sh: workload $name is not in $root/workloads" >&2; exit 2; }
    rm -rf "${dir:?}/$name"; cp -r "$root/workloads/$name" "$dir/"
    python3 - "$dir/$name/workload.toml" "$args" "$index" "$factor" <<'PY'
import re, sys
path, args, index, factor = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), float(sys.argv[4])
count = int(args[index])
args[index] = str(round(count * factor))
if abs(int(args[index]) / count - factor) > 0.025 * factor:
    sys.exit(f"{path}: a work count of {count} x {factor:g} = {args[index]} is not {factor:g} times the work; use a larger count")
text = open(path).read()
quick = "quick = [" + ", ".join(f'"{a}"' for a in args) + "]"
text, n = re.subn(r'(?m)^quick\s*=.*$', quick, text)
if n != 1: sys.exit(f"{path}: expected one 'quick =' line in [profiles], found {n}")
open(path, "w").write(text)
PY
  done
}
make_corpus "$work/base" 1
for s in "${scale_list[@]}"; do make_corpus "$work/more-$s" "$s"; done
names=(); for k in "${kernels[@]}"; do names+=("${k%%|*}"); done
glob="$(IFS=,; echo "${names[*]}")"

# The A/B pair: node's WASI behind one runner, declared three times (base, an identical twin, a slower head).
cli() { printf '[[cli]]\nname = "%s"\ncommand = "node"\nversion_args = ["--version"]\nversion_pattern = '"'"'v(\\d+\\.\\d+\\.\\d+)'"'"'\nrun = ["%s", "%s", "{preopens}", "{wasm}", "{args}"]\npreopen = ["--dir={host}::{guest}"]\n\n' "$1" "$root/bench/ab-runner.mjs" "$2"; }
{ cli ab-base 0; cli ab-twin 0; cli ab-head "$ab_scale"; } > "$work/runtimes.toml"

db="$work/sensitivity.duckdb"
pin=(); ((stress)) && pin=(--pin 1)
measure=(--measure time); ((instructions)) && measure=(--measure time,instructions)
levels=(2 0 3 1 2 3 1 0)
started=$(date +%s)
step=0
# The machine's load average (1, 5, 15 min) before each run (before its stressor starts) and
# after it (the stressor still running): other jobs' load is part of the conditions the rates
# were measured under, and the summary quotes it.
: > "$work/load.txt"
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
measured() { # LABEL LEVEL RUN-ARGS...
  local label="$1" level="$2" before; shift 2
  before="$(loadavg)"
  if ((stress)); then stressor_start "$level" 0; fi
  echo "== run $label (stress level $level: $( ((stress)) && stressor_args "$level" || echo off); load average $before)" >&2
  local extra=("${run_opts[@]}")
  [[ "$label" == ab-* ]] && extra=()
  obs run --workloads "$glob" --label "sens-$label" --db "$db" --json "${pin[@]}" "$@" "${extra[@]}" > "$work/run-$label.json"
  echo "$label|$before|$(loadavg)" >> "$work/load.txt"
  stressor_stop
}
# Not $(...): a subshell would lose the step, and every run would get the first level.
level() { echo "${levels[$((step % ${#levels[@]}))]}"; }
if ((ab_only)); then
  step=4 # the levels the A/B runs get in a full run with two scales: 2 (twin), then 3 (+ab-scale)
else
  measured base "$(level)" --workload-dir "$work/base" --engines "$engines" "${measure[@]}"; step=$((step + 1))
  measured rerun "$(level)" --workload-dir "$work/base" --engines "$engines" "${measure[@]}"; step=$((step + 1))
  for s in "${scale_list[@]}"; do measured "more-$s" "$(level)" --workload-dir "$work/more-$s" --engines "$engines" "${measure[@]}"; step=$((step + 1)); done
fi
measured ab-same "$(level)" --workload-dir "$work/base" --ab 'ab-base-*,ab-twin-*' --no-overhead; step=$((step + 1))
measured ab-more "$(level)" --workload-dir "$work/base" --ab 'ab-base-*,ab-head-*' --no-overhead

metrics=(auto wall cpu normalized); ((instructions)) && metrics+=(instructions)
((ab_only)) && metrics=()
for m in "${metrics[@]}"; do
  obs compare sens-base sens-rerun --metric "$m" --workloads "$glob" --db "$db" --json > "$work/compare-$m-rerun.json"
  for s in "${scale_list[@]}"; do obs compare sens-base "sens-more-$s" --metric "$m" --workloads "$glob" --db "$db" --json > "$work/compare-$m-more-$s.json"; done
done
obs compare sens-ab-same --db "$db" --json > "$work/compare-ab-same.json"
obs compare sens-ab-more --db "$db" --json > "$work/compare-ab-more.json"
elapsed=$(( $(date +%s) - started ))

python3 - "$work" "$scales" "$ab_scale" "$elapsed" "${metrics[*]}" "$stress" "$ab_only" <<'PY'
import json, sys
work, scales, ab_scale, elapsed, metrics, stress, ab_only = sys.argv[1], sys.argv[2].split(","), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split(), sys.argv[6] == "1", sys.argv[7] == "1"
load = lambda name: json.load(open(f"{work}/compare-{name}.json"))
def rate(report, verdict):
    cells = report["cells"]
    return sum(1 for c in cells if c["verdict"] == verdict), len(cells)
def loads():
    for line in open(f"{work}/load.txt"):
        label, before, after = line.strip().split("|")
        print(f"  load average (1, 5, 15 min) around run {label}: {before} before, {after} after")
def fmt(h, n): return f"{h}/{n} = {h / n:6.1%}" if n else "no cells"
pct = lambda s: f"+{round((float(s) - 1) * 100)}%"
default = "auto"

def ab_report():
    ab_a, ab_b = rate(load("ab-same"), "Same"), rate(load("ab-more"), "Slower")
    print(f"{'A/B one run':13} {fmt(*ab_a):22} {'(b) Slower at +' + format(ab_scale, '.0%') + ': ' + fmt(*ab_b)}")
    for name in ["ab-same", "ab-more"]:
        for c in load(name)["cells"]:
            rounds = f"{c['rounds']} rounds, p {c['p']:.2g}" if c.get("rounds") is not None else "counted"
            print(f"  {name}: {c['workload']}/{c['variant']} {c['engine']} {c['metric']} ratio {c['ratio']:.3f} [{c['ciLow']:.3f}, {c['ciHigh']:.3f}] {rounds} {c['verdict']}")
        for s in load(name)["skipped"]:
            print(f"  {name}: not compared: {s['workload']}/{s['variant']}: {s['reason']}")
    return ab_a, ab_b

if ab_only:
    ab_a, ab_b = ab_report()
    print(f"conditions: {'stress-ng on CPU 0 (twin at level 2, head at level 3), observatory pinned to CPU 1' if stress else 'no stressor, no pinning'}; "
          f"A/B goal (a) >= 98% Same, (b) >= 95% Slower at +{ab_scale:.0%}")
    loads()
    print(f"the A/B runs and comparisons took {elapsed // 60} min {elapsed % 60} s")
    ok = ab_a[1] and ab_a[0] / ab_a[1] >= 0.98 and ab_b[1] and ab_b[0] / ab_b[1] >= 0.95
    sys.exit(0 if ok else 1)

# Per cell, on the default metric: the rerun and every scaled variant.
reports = {s: load(f"{default}-more-{s}") for s in scales}
same = load(f"{default}-rerun")
key = lambda c: (c["workload"], c["variant"], c["engine"])
cell = lambda c: f"{c['ratio']:.3f} {c['verdict']:7}" if c else "-"
print(f"per cell, metric {default} (ratio to base, verdict):")
print(f"{'cell':44} {'rerun':15} " + " ".join(f"{pct(s):15}" for s in scales))
by = {s: {key(c): c for c in r["cells"]} for s, r in reports.items()}
for a in same["cells"]:
    print(f"{a['workload'] + '/' + a['variant'] + ' ' + a['engine']:44} {cell(a):15} " + " ".join(f"{cell(by[s].get(key(a))):15}" for s in scales))
print()
print(f"{'metric':13} {'(a) Same on rerun':22} " + " ".join(f"{'(b) Slower at ' + pct(s):22}" for s in scales))
rows = {}
for m in metrics:
    a = rate(load(f"{m}-rerun"), "Same")
    bs = [rate(load(f"{m}-more-{s}"), "Slower") for s in scales]
    rows[m] = (a, bs)
    note = "  (the reference does the extra work too: blind to it by construction)" if m == "normalized" else ""
    print(f"{m:13} {fmt(*a):22} " + " ".join(f"{fmt(*b):22}" for b in bs) + note)
ab_report()
for m in metrics:
    for name in [f"{m}-rerun"] + [f"{m}-more-{s}" for s in scales]:
        for s in load(name)["skipped"]:
            print(f"not compared ({name}): {s['workload']}/{s['variant']} {s['engine']}: {s['reason']}")
print(f"conditions: {'stress-ng on CPU 0 at a level changing between runs, observatory pinned to CPU 1' if stress else 'no stressor, no pinning'}; "
      f"goal (a) >= 98% Same, (b) >= 95% Slower at +5%; A/B (b) at +{ab_scale:.0%}")
loads()
print(f"all runs and comparisons took {elapsed // 60} min {elapsed % 60} s")
(a, bs) = rows[default]
first = bs[0] if bs else (0, 0)
ok = a[1] and a[0] / a[1] >= 0.98 and first[1] and first[0] / first[1] >= 0.95
sys.exit(0 if ok else 1)
PY
