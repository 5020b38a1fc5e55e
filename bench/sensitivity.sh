#!/usr/bin/env bash
# Sensitivity benchmark: can the observatory tell "no change" from "10% more work" on
# this machine? Not a test (it takes minutes and depends on the machine); rerun it after
# changing the measurement protocol and quote its two rates.
#
#   (a) a run compared with a rerun of the same build must be Same in >= 95% of cells;
#   (b) a run of workload variants doing 10% more work must be Slower in >= 95% of cells.
#
# The variants are real workloads: copies of corpus kernels whose [profiles] quick
# arguments scale one work-count argument (time steps, rounds, repetitions) by --scale.
# Three runs go into a fresh database: base, rerun (same corpus), more (scaled corpus);
# then `observatory compare` (default metric) judges base->rerun and base->more.
# Compute-bound kernels hold both rates on a busy 2-core VM; the memory-bound one
# (jacobi-2d) drifts with neighbours' memory traffic between runs, and misses, when there
# are any, are there: the table printed at the end shows every cell.
#
# usage: bench/sensitivity.sh [--engines GLOB] [--scale 1.1] [--keep DIR] [--no-build] [-- RUN OPTIONS...]
#   --engines GLOB  engines to run (default: every ready engine)
#   --scale F       work factor of the variant corpus (default 1.1 = 10% more work)
#   --keep DIR      keep the corpora, database and JSON in DIR (default: a temp dir, deleted)
#   --no-build      use the observatory as built
#   -- OPTIONS      passed to every `observatory run` (e.g. --budget 20 --pin 1)
# Exit status: 0 when both rates reach 95%, 1 when either misses, 2 on a usage error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
engines="" scale="1.1" keep="" build=1 run_opts=()
while (($#)); do
  case "$1" in
    --engines) engines="${2:?--engines needs a value}"; shift 2 ;;
    --scale) scale="${2:?--scale needs a value}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a directory}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --) shift; run_opts=("$@"); break ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "sensitivity.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
python3 -c "import sys; f=float(sys.argv[1]); sys.exit(0 if 1.0 < f < 3.0 else 1)" "$scale" 2>/dev/null \
  || { echo "sensitivity.sh: --scale must be a number between 1 and 3 (got '$scale')" >&2; exit 2; }

# Kernel, variants' work: "name|base args|index of the work-count argument". Base sizes are
# about a third of the quick profile (~0.1-0.3 s natively) so three runs take minutes.
kernels=(
  "nbody|3000000|0"
  "sha256|50|0"
  "jacobi-2d|1000 100|1"
  "lu|500 10|1"
  "gemm|512 10|1"
  "2mm|450 10|1"
  "floyd-warshall|500 10|1"
)

if [[ -n "$keep" ]]; then work="$keep"; mkdir -p "$work"; else work="$(mktemp -d -t observatory-sensitivity-XXXXXX)"; trap 'rm -rf "$work"' EXIT; fi
if ((build)); then dotnet build "$root/src/Harness/Observatory.Harness.csproj" -c Release -nologo -v quiet >&2; fi
obs() { OBSERVATORY_ROOT="$root" dotnet "$root/src/Harness/bin/Release/net10.0/linux-x64/observatory.dll" "$@"; }

# Two corpora with the same workload names, so runs line up cell by cell.
names=()
for corpus in base more; do
  mkdir -p "$work/$corpus"
  cp "$root/workloads/bench.h" "$work/$corpus/"
  for k in "${kernels[@]}"; do
    IFS='|' read -r name args index <<<"$k"
    [[ -d "$root/workloads/$name" ]] || { echo "sensitivity.sh: workload $name is not in $root/workloads" >&2; exit 2; }
    rm -rf "$work/$corpus/$name"; cp -r "$root/workloads/$name" "$work/$corpus/"
    python3 - "$work/$corpus/$name/workload.toml" "$args" "$index" "$([[ $corpus == more ]] && echo "$scale" || echo 1)" <<'PY'
import re, sys
path, args, index, factor = sys.argv[1], sys.argv[2].split(), int(sys.argv[3]), float(sys.argv[4])
args[index] = str(round(int(args[index]) * factor))
text = open(path).read()
quick = "quick = [" + ", ".join(f'"{a}"' for a in args) + "]"
text, n = re.subn(r'(?m)^quick\s*=.*$', quick, text)
if n != 1: sys.exit(f"{path}: expected one 'quick =' line in [profiles], found {n}")
open(path, "w").write(text)
PY
  done
done
for k in "${kernels[@]}"; do names+=("${k%%|*}"); done
glob="$(IFS=,; echo "${names[*]}")"

db="$work/sensitivity.duckdb"
engine_opt=(); [[ -n "$engines" ]] && engine_opt=(--engines "$engines")
started=$(date +%s)
for step in "base base" "rerun base" "more more"; do
  read -r label corpus <<<"$step"
  echo "== run $label (corpus $corpus)" >&2
  obs run --workload-dir "$work/$corpus" --workloads "$glob" "${engine_opt[@]}" --label "sens-$label" --db "$db" --json "${run_opts[@]}" > "$work/run-$label.json"
done
obs compare sens-base sens-rerun --workloads "$glob" --db "$db" --json > "$work/compare-rerun.json"
obs compare sens-base sens-more --workloads "$glob" --db "$db" --json > "$work/compare-more.json"
elapsed=$(( $(date +%s) - started ))

python3 - "$work/compare-rerun.json" "$work/compare-more.json" "$scale" "$elapsed" <<'PY'
import json, sys
same, more = (json.load(open(p)) for p in sys.argv[1:3])
scale, elapsed = float(sys.argv[3]), int(sys.argv[4])
def rate(report, verdict):
    cells = report["cells"]
    hits = sum(1 for c in cells if c["verdict"] == verdict)
    return hits, len(cells)
print(f"{'cell':42} {'metric':6} {'rerun ratio [95% CI]':28} {'verdict':8} {'+%d%% ratio [95%% CI]' % round((scale - 1) * 100):28} verdict")
key = lambda c: (c["workload"], c["variant"], c["engine"])
by_more = {key(c): c for c in more["cells"]}
fmt = lambda c: f"{c['ratio']:.3f} [{c['ciLow']:.3f}, {c['ciHigh']:.3f}]" if c else "-"
for a in same["cells"]:
    b = by_more.get(key(a))
    print(f"{a['workload'] + '/' + a['variant'] + ' ' + a['engine']:42} {a['metric']:6} {fmt(a):28} {a['verdict']:8} {fmt(b):28} {b['verdict'] if b else '-'}")
for r, label in ((same, "rerun"), (more, "scaled")):
    for s in r["skipped"]:
        print(f"not compared ({label}): {s['workload']}/{s['variant']} {s['engine']}: {s['reason']}")
h1, n1 = rate(same, "Same")
h2, n2 = rate(more, "Slower")
r1 = h1 / n1 if n1 else 0.0
r2 = h2 / n2 if n2 else 0.0
print(f"(a) rerun of the same build: Same in {h1}/{n1} cells = {r1:.1%} (goal >= 95%)")
print(f"(b) {scale:g}x work variant: Slower in {h2}/{n2} cells = {r2:.1%} (goal >= 95%)")
print(f"three runs and two comparisons took {elapsed // 60} min {elapsed % 60} s")
sys.exit(0 if r1 >= 0.95 and r2 >= 0.95 else 1)
PY
