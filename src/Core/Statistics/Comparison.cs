using System.Globalization;
using VerdictKind = Observatory.Core.Statistics.Verdict;

namespace Observatory.Core.Statistics;

/// <summary>
/// Decides whether diff is faster, slower or the same as base, in the spirit of
/// Sightglass's effect-size report: say "no significant difference" when that is the
/// truth. The rule needs both statistical and practical significance:
/// <list type="bullet">
/// <item><see cref="VerdictKind.Slower"/> when p &lt; α and the whole ratio CI lies above 1 + threshold;</item>
/// <item><see cref="VerdictKind.Faster"/> when p &lt; α and the whole ratio CI lies below 1 − threshold;</item>
/// <item><see cref="VerdictKind.Same"/> otherwise.</item>
/// </list>
/// Requiring the entire CI beyond the threshold (not just the point estimate) means a
/// reported regression is, with the CI's confidence, at least threshold large: on
/// noisy shared CI machines, run-to-run drift of a few percent must not raise alarms,
/// and a real 10% change with a ±3% CI is still caught. The p-value (which the caller
/// may replace by a Benjamini-Hochberg-adjusted one) guards against multiplicity
/// across the matrix; the bootstrap CI is per cell.
/// </summary>
public static class Comparison
{
    public const double DefaultThreshold = 0.03;
    public const double DefaultAlpha = 0.05;

    /// <summary>
    /// Compares two samples of times (strictly positive). The ratio CI is a percentile
    /// bootstrap of median(diff)/median(base) at 95%; p is the two-sided Mann-Whitney
    /// test of diff against base (R conventions). Pass <paramref name="adjustedP"/> to
    /// decide on an adjusted p instead of the raw one.
    /// </summary>
    public static ComparisonResult Verdict(
        IReadOnlyList<double> baseSamples,
        IReadOnlyList<double> diffSamples,
        double threshold = DefaultThreshold,
        double alpha = DefaultAlpha,
        double? adjustedP = null,
        int resamples = Bootstrap.DefaultResamples,
        ulong seed = Bootstrap.DefaultSeed)
    {
        CheckRule(threshold, alpha);
        if (adjustedP is { } pa) Descriptive.CheckProbability(pa, nameof(adjustedP));
        var ci = Bootstrap.RatioOfMedians(diffSamples, baseSamples, 0.95, resamples, seed);
        double p = MannWhitney.Test(diffSamples, baseSamples).P;
        return Decide(new ComparisonResult(
            Descriptive.Median(baseSamples), Descriptive.Median(diffSamples), ci.Estimate, ci.Low, ci.High, ci.Level,
            p, adjustedP, threshold, alpha, VerdictKind.Same, string.Empty));
    }

    /// <summary>
    /// Benjamini-Hochberg-adjusts the raw p-values of all cells of a matrix together and
    /// re-decides every verdict on the adjusted value, keeping each cell's threshold and α.
    /// </summary>
    public static IReadOnlyList<ComparisonResult> AdjustAcrossMatrix(IReadOnlyList<ComparisonResult> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var raw = new double[cells.Count];
        for (int i = 0; i < raw.Length; i++) raw[i] = cells[i].P;
        var adjusted = BenjaminiHochberg.Adjust(raw);
        var result = new ComparisonResult[cells.Count];
        for (int i = 0; i < result.Length; i++) result[i] = Decide(cells[i] with { PAdjusted = adjusted[i] });
        return result;
    }

    /// <summary>The decision rule alone, for callers that hold a ratio CI and a p-value already.</summary>
    public static VerdictKind Decide(double ratioLow, double ratioHigh, double p, double threshold = DefaultThreshold, double alpha = DefaultAlpha)
    {
        CheckRule(threshold, alpha);
        if (!(p < alpha)) return VerdictKind.Same;
        if (ratioLow > 1 + threshold) return VerdictKind.Slower;
        if (ratioHigh < 1 - threshold) return VerdictKind.Faster;
        return VerdictKind.Same;
    }

    private static ComparisonResult Decide(ComparisonResult cell)
    {
        var verdict = Decide(cell.RatioLow, cell.RatioHigh, cell.PUsed, cell.Threshold, cell.Alpha);
        return cell with { Verdict = verdict, Reason = Explain(cell, verdict) };
    }

    private static string Explain(ComparisonResult c, VerdictKind verdict)
    {
        var inv = CultureInfo.InvariantCulture;
        string pText = string.Format(inv, c.PAdjusted is null ? "p = {0:G3}" : "adjusted p = {0:G3}", c.PUsed);
        string ciText = string.Format(inv, "{0:0%} CI of the ratio [{1:F3}, {2:F3}]", c.RatioLevel, c.RatioLow, c.RatioHigh);
        string band = string.Format(inv, "±{0:0.##%}", c.Threshold);
        string change = string.Format(inv, "{0:+0.0%;-0.0%;0.0%}", c.Ratio - 1);
        return verdict switch
        {
            VerdictKind.Slower => $"slower ({change}): {ciText} lies above the {band} band, {pText}",
            VerdictKind.Faster => $"faster ({change}): {ciText} lies below the {band} band, {pText}",
            _ when !(c.PUsed < c.Alpha) => $"no significant difference ({pText}, change {change})",
            _ when c.RatioLow >= 1 - c.Threshold && c.RatioHigh <= 1 + c.Threshold =>
                $"significant ({pText}) but within the {band} threshold: {ciText}",
            _ => $"inconclusive: {pText} but {ciText} overlaps the {band} band (change {change})",
        };
    }

    private static void CheckRule(double threshold, double alpha)
    {
        if (!(threshold >= 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Must be within [0, 1).");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must be within (0, 1).");
    }
}
