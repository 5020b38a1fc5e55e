#!/usr/bin/env python3
# What-if on the stored rounds of an A/B run (a bundle's run.json, e.g. from
# `bench/sensitivity.sh --ab-only --keep DIR`): per cell and metric (cpu, wall), the comparer's former
# statistic (geometric mean of the rounds' head/base ratios, 95% t interval) beside its current one
# (Hodges-Lehmann estimate of the log ratios with the signed-rank 95% interval; here always the normal
# approximation, where `compare` takes exact critical values below 50 rounds), each with its verdict at thresholds 0.02 and 0.015 (Slower: interval above 1
# and estimate above 1 + threshold). Rounds as `compare` forms them: warm ok samples (all ok ones
# when there is one iteration per process), each engine's median per round. Analysis only: `compare` decides with its own code.
#
#   bench/ab-whatif.py RUN_JSON
import json, math, statistics as st, sys
from collections import defaultdict

T975 = [(5, 2.571), (10, 2.228), (15, 2.131), (20, 2.086), (25, 2.060), (30, 2.042), (40, 2.021), (60, 2.000), (10**9, 1.96)]

def rounds(run, metric):
    ab = run["protocol"]["ab"]
    d = defaultdict(lambda: defaultdict(list))
    # Warm samples where the run has any; a run of one iteration per process (an A/B run of two CLIs) has only cold ones.
    warm = any(s["iteration"] > 0 for s in run["samples"])
    for s in run["samples"]:
        if s.get("round") is None or (warm and s["iteration"] == 0) or s["outcome"] != "ok":
            continue
        v = s.get("cpuNs") if metric == "cpu" else s.get("executeNs")
        if v:
            d[(s["workload"], s["variant"], s["engine"])][s["round"]].append(v)
    cells = {}
    for (w, v, e) in list(d):
        if e == ab["base"]:
            b, h = d[(w, v, ab["base"])], d[(w, v, ab["head"])]
            cells[(w, v)] = [math.log(st.median(h[r]) / st.median(b[r])) for r in sorted(b) if r in h]
    return cells

def t_interval(xs):  # the t quantile of the next tabulated df up: slightly wide, never narrow
    m = st.mean(xs)
    half = next(q for n, q in T975 if n >= len(xs) - 1) * st.stdev(xs) / math.sqrt(len(xs))
    return m, m - half, m + half

def signed_rank_interval(xs):
    n = len(xs)
    walsh = sorted((xs[i] + xs[j]) / 2 for i in range(n) for j in range(i, n))
    k = max(0, int(math.floor(n * (n + 1) / 4 - 1.96 * math.sqrt(n * (n + 1) * (2 * n + 1) / 24))))
    return st.median(walsh), walsh[k], walsh[len(walsh) - 1 - k]

def verdict(est, lo, hi, t):
    if lo > 0 and est > math.log(1 + t): return "Slower"
    if hi < 0 and est < math.log(1 - t): return "Faster"
    return "Same"

run = json.load(open(sys.argv[1]))
print(f"run {run['runId']} ({run.get('label', '')}): verdicts at thresholds 0.02/0.015")
for metric in ["cpu", "wall"]:
    for (w, v), xs in sorted(rounds(run, metric).items()):
        if len(xs) < 3:
            continue
        line = f"{metric:4} {w + '/' + v:22} {len(xs):2} rounds"
        for name, f in [("geomean-t", t_interval), ("hodges-lehmann", signed_rank_interval)]:
            e, lo, hi = f(xs)
            line += f" | {name} {math.exp(e):.3f} [{math.exp(lo):.3f}, {math.exp(hi):.3f}] " + "/".join(verdict(e, lo, hi, t) for t in (0.02, 0.015))
        print(line)
