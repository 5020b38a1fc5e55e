using System.Globalization;
using Observatory.Core.Statistics;
using Observatory.Harness.Cli;
using Observatory.Reports.Analysis;

namespace Observatory.Harness.Commands;

/// <summary>`compare` of an A/B run as a table: per workload the paired ratio head/base, its CI, the rounds, p and the verdict.</summary>
public static class AbConsole
{
    public static void Print(ComparisonReport r, TextWriter w)
    {
        var ab = r.Ab!;
        w.WriteLine($"A/B run {r.Base.RunId}{(r.Base.Label.Length > 0 ? $" ({r.Base.Label})" : "")}: head {ab.Head}  vs  base {ab.Base}, paired by round (A B B A)");
        w.WriteLine($"metric: {r.Metric.Name} = {r.Metric.Description}" + (r.Cells.Count > 0 ? $"; decided on {AbRule.Metrics(r)}" : ""));
        string V(CellComparison c, double x) => c.Metric == ComparisonMetric.Instructions.Name ? x.ToString("N0", CultureInfo.InvariantCulture) : Units.Duration(x);
        var t = new TextTable("workload", "variant", "metric", "base", "head", "ratio", "95% CI", "rounds", "p", "p (BH)", "verdict");
        foreach (var c in r.Cells)
            t.Add(c.Workload, c.Variant, c.Metric, V(c, c.BaseMedian), V(c, c.DiffMedian),
                c.Ratio.ToString("0.000", CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture, $"{c.CiLow:0.000} .. {c.CiHigh:0.000}"),
                c.Rounds?.ToString(CultureInfo.InvariantCulture) ?? "-",
                c.P is null ? "-" : c.P.Value.ToString("G2", CultureInfo.InvariantCulture),
                c.PAdjusted is null ? "-" : c.PAdjusted.Value.ToString("G2", CultureInfo.InvariantCulture),
                c.Verdict.ToString());
        t.Write(w);
        foreach (var c in r.Cells)
            w.WriteLine($"  {c.Workload}/{c.Variant}: {c.Reason}");
        foreach (var g in r.Skipped.GroupBy(s => (s.Workload, s.Variant, s.Reason)))
            w.WriteLine($"  not compared: {g.Key.Workload}/{g.Key.Variant}: {g.Key.Reason}");
        w.WriteLine($"{r.Cells.Count} cells: {r.Cells.Count(c => c.Verdict == Verdict.Slower)} slower, {r.Cells.Count(c => c.Verdict == Verdict.Faster)} faster, "
                    + $"{r.Cells.Count(c => c.Verdict == Verdict.Same)} same" + (r.Skipped.Count > 0 ? $"; {r.Skipped.Count} not compared" : ""));
        w.WriteLine($"ratio: {AbRule.Statistic}.");
        w.WriteLine($"rule: {AbRule.Text(r)}.");
    }
}
