using Observatory.Core.Runs;
using Observatory.Core.Statistics;
using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>
/// An A/B run (`run --ab BASE,HEAD`) judged within itself, per workload variant, on its
/// paired rounds: each round's head/base ratio of medians, the Hodges-Lehmann estimate of their
/// logs with the signed-rank interval, Wilcoxon's signed rank on the log ratios (Benjamini-Hochberg
/// across the cells) and <see cref="PairedComparison"/>'s rule. The pairing is the point:
/// base and head ran within seconds of each other in every round, so the machine's drift
/// over the run cancels in each ratio instead of widening two independent samples.
/// The metric, per cell under auto: instructions where both engines were counted (decided on
/// the ratio alone, as across runs), else CPU time where both report it for 80% of their
/// steady samples, else wall time. Reported cells carry the head engine's id; medians are
/// the engines' own (ns), across their paired rounds.
/// </summary>
public static class AbComparer
{
    private const string Both = "rounds with samples of both engines";

    public static ComparisonReport Compare(ObservatoryStore store, StoredRun run, AbPair ab, ComparisonMetric metric,
        double threshold = RunComparer.AbThreshold, double alpha = Comparison.DefaultAlpha, Func<string, string, bool>? workloadFilter = null)
    {
        var id = run.RunId;
        var outcomes = RunComparer.Outcomes(store, id, id, metric.IsAuto ? ComparisonMetric.Wall : metric);
        var cpuOutcomes = metric.IsAuto ? RunComparer.Outcomes(store, id, id, ComparisonMetric.Cpu) : outcomes;
        var rows = new Dictionary<string, Dictionary<(string Run, string Workload, string Variant, string Engine), List<(double Value, int? Round)>>>();
        Dictionary<(string Run, string Workload, string Variant, string Engine), List<(double Value, int? Round)>> Rows(ComparisonMetric m) =>
            rows.TryGetValue(m.Name, out var r) ? r : rows[m.Name] = RunComparer.SampleRows(store, id, id, m);

        var variants = outcomes.Keys.Where(k => k.Engine == ab.Base || k.Engine == ab.Head)
            .Select(k => (k.Workload, k.Variant)).Distinct()
            .Where(k => workloadFilter is null || workloadFilter(k.Workload, k.Variant))
            .OrderBy(k => k.Workload, StringComparer.Ordinal).ThenBy(k => k.Variant, StringComparer.Ordinal).ToList();
        var cells = new List<CellComparison>();
        var timed = new List<(CellComparison Cell, PairedResult Result)>();
        var skipped = new List<SkippedCell>();
        foreach (var (w, v) in variants)
        {
            var ob = outcomes.GetValueOrDefault((id, w, v, ab.Base));
            var oh = outcomes.GetValueOrDefault((id, w, v, ab.Head));
            var why = ob is null ? $"only {ab.Head} ran it" : oh is null ? $"only {ab.Base} ran it"
                : ob.Outcome != "ok" ? $"base {ab.Base}: {ob.Outcome}" : oh.Outcome != "ok" ? $"head {ab.Head}: {oh.Outcome}" : null;
            var used = metric.IsAuto ? Choose(Rows, id, w, v, ab) : metric;
            var xb = Rows(used).GetValueOrDefault((id, w, v, ab.Base)) ?? [];
            var xh = Rows(used).GetValueOrDefault((id, w, v, ab.Head)) ?? [];
            why ??= xb.Count == 0 ? $"base {ab.Base} has no {used.Name} samples{RunComparer.NoSamplesHint(used)}"
                : xh.Count == 0 ? $"head {ab.Head} has no {used.Name} samples{RunComparer.NoSamplesHint(used)}" : null;
            if (why is not null)
            {
                skipped.Add(new SkippedCell(w, v, ab.Head, why));
                continue;
            }
            var overhead = (used == ComparisonMetric.Cpu && metric.IsAuto ? cpuOutcomes : outcomes).GetValueOrDefault((id, w, v, ab.Head))?.Overhead;
            if (used.IsDeterministic)
            {
                // One count per engine: no rounds to pair, and none needed (counts do not drift).
                cells.Add(RunComparer.Deterministic(w, v, ab.Head, xb.Select(x => x.Value).ToList(), xh.Select(x => x.Value).ToList(), threshold)
                    with { Metric = used.Name, OverheadDiff = metric.IsAuto ? null : overhead });
                continue;
            }
            var pairs = PairedRounds.Of(Rounded(xb), Rounded(xh));
            if (pairs.Count < 2)
            {
                skipped.Add(new SkippedCell(w, v, ab.Head, $"{pairs.Count} {Both} ({used.Name}); a paired comparison needs at least 2"));
                continue;
            }
            var r = PairedComparison.Verdict(pairs.Select(p => p.Ratio).ToList(), threshold, alpha);
            var paired = pairs.Select(p => p.Round).ToHashSet();
            timed.Add((new CellComparison
            {
                Workload = w, Variant = v, Engine = ab.Head, Metric = used.Name,
                BaseSamples = xb.Count(x => x.Round is { } n && paired.Contains(n)), DiffSamples = xh.Count(x => x.Round is { } n && paired.Contains(n)),
                BaseMedian = Descriptive.Median(pairs.Select(p => p.Base).ToList()), DiffMedian = Descriptive.Median(pairs.Select(p => p.Head).ToList()),
                Ratio = r.Ratio, CiLow = r.RatioLow, CiHigh = r.RatioHigh, P = r.P, Rounds = r.Rounds,
                Verdict = r.Verdict, Reason = r.Reason, OverheadDiff = overhead,
            }, r));
        }
        if (timed.Count > 0)
        {
            var adjusted = PairedComparison.AdjustAcrossMatrix(timed.Select(t => t.Result).ToList());
            cells.AddRange(timed.Select((t, i) => t.Cell with { PAdjusted = adjusted[i].PAdjusted, Verdict = adjusted[i].Verdict, Reason = adjusted[i].Reason }));
        }
        cells = cells.OrderBy(c => c.Workload, StringComparer.Ordinal).ThenBy(c => c.Variant, StringComparer.Ordinal).ToList();
        return new ComparisonReport
        {
            Base = run, Diff = run, Metric = metric, Threshold = threshold, Alpha = alpha,
            FingerprintDifferences = [], Cells = cells, Skipped = skipped, Ab = ab,
        };
    }

    /// <summary>auto, per cell: instructions where both engines were counted, else CPU time where both have it (80% of their steady samples), else wall.</summary>
    private static ComparisonMetric Choose(Func<ComparisonMetric, Dictionary<(string, string, string, string), List<(double Value, int? Round)>>> rows,
        string id, string w, string v, AbPair ab)
    {
        int Count(ComparisonMetric m, string engine) => rows(m).GetValueOrDefault((id, w, v, engine))?.Count ?? 0;
        if (Count(ComparisonMetric.Instructions, ab.Base) > 0 && Count(ComparisonMetric.Instructions, ab.Head) > 0) return ComparisonMetric.Instructions;
        bool Cpu(string engine) => Count(ComparisonMetric.Cpu, engine) is var c && c > 0 && c >= 0.8 * Count(ComparisonMetric.Wall, engine);
        return Cpu(ab.Base) && Cpu(ab.Head) ? ComparisonMetric.Cpu : ComparisonMetric.Wall;
    }

    private static IEnumerable<(int Round, double Value)> Rounded(IEnumerable<(double Value, int? Round)> xs) =>
        xs.Where(x => x.Round is not null).Select(x => (x.Round!.Value, x.Value));
}
