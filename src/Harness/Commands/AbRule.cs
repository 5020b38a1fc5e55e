using Observatory.Core.Statistics;
using Observatory.Reports.Analysis;

namespace Observatory.Harness.Commands;

/// <summary>How an A/B run is judged, in the words `compare` prints, --json carries and --markdown posts.</summary>
public static class AbRule
{
    public const string Statistic =
        "per round the ratio head/base of the engines' medians (A B B A); Hodges-Lehmann estimate of the rounds' log ratios "
        + "(median of Walsh averages) with the 95% signed-rank interval, Wilcoxon signed-rank p on the log ratios (Benjamini-Hochberg across cells)";

    /// <summary>The verdict rule with this report's threshold and α.</summary>
    public static string Text(ComparisonReport r) => FormattableString.Invariant(
        $"Slower when the 95% CI lies wholly above 1, the adjusted p < {r.Alpha:0.###} and the ratio > {1 + r.Threshold:0.###}; ")
        + FormattableString.Invariant($"Faster mirrored (below 1, ratio < {1 - r.Threshold:0.###}); Same otherwise")
        + "; counted cells (instructions: one count per engine, no rounds) when the whole range of ratios lies beyond the threshold";

    /// <summary>Which metric decided which cells: the reader must know whether 3% is in CPU time, wall time or instructions.</summary>
    public static string Metrics(ComparisonReport r) =>
        string.Join(", ", r.Cells.GroupBy(c => c.Metric).Select(g => $"{g.Key} ({Cli.Units.Count(g.Count(), "cell")})"));
}
