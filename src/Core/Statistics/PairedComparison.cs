using System.Globalization;
using VerdictKind = Observatory.Core.Statistics.Verdict;

namespace Observatory.Core.Statistics;

/// <summary>
/// Head against base of an A/B run, from its paired rounds: Sightglass's effect size on
/// interleaved runs. Per round the ratio head/base; the estimate is the Hodges-Lehmann
/// estimate of their logs (median of the Walsh averages) with the signed-rank 95% interval
/// (<see cref="SignedRankInterval"/>); the test is Wilcoxon's signed rank on the log ratios.
/// Drift of the machine during the run hits both engines of a round alike and drops out of
/// each ratio, which two independent samples (Mann-Whitney) cannot do.
/// </summary>
public sealed record PairedResult(
    int Rounds,
    double Ratio,
    double RatioLow,
    double RatioHigh,
    double RatioLevel,
    double P,
    double? PAdjusted,
    double Threshold,
    double Alpha,
    VerdictKind Verdict,
    string Reason)
{
    public double PUsed => PAdjusted ?? P;
}

/// <summary>
/// The verdict rule of an A/B run:
/// <list type="bullet">
/// <item><see cref="VerdictKind.Slower"/> when the 95% CI of the paired ratio lies wholly above 1, the signed-rank p
/// (Benjamini-Hochberg-adjusted across the cells) is below α, and the ratio itself exceeds 1 + threshold;</item>
/// <item><see cref="VerdictKind.Faster"/> likewise below 1 and below 1 − threshold;</item>
/// <item><see cref="VerdictKind.Same"/> otherwise.</item>
/// </list>
/// The CI and the test say the change is real; the threshold on the estimate says it is
/// large enough to matter. The estimate and interval are rank-based because a round's ratio
/// has a heavy tail on a shared machine (one process stalled by contention, 7.85 s of CPU for
/// 0.42 s of work): a geometric mean with a t interval moves by the tail's whole size, the
/// Hodges-Lehmann estimate by one rank. Unlike across runs (the whole CI beyond the threshold), a
/// +3% head is then called at a 2% threshold once the CI is about ±1% wide, the width
/// <c>run --ab</c> samples to, while an identical twin needs an estimate 2% off and a CI
/// clear of 1 at once.
/// </summary>
public static class PairedComparison
{
    public const double DefaultThreshold = 0.02;
    public const double Level = 0.95;

    /// <summary>
    /// Geometric mean of the ratios with the t interval of the mean log ratio (at least two ratios): the
    /// statistic before <see cref="HodgesLehmann"/>, kept to show what a tail does to it (tests, what-ifs).
    /// </summary>
    public static ConfidenceInterval GeometricMean(IReadOnlyList<double> ratios, double level = Level)
    {
        Descriptive.CheckLevel(level, nameof(level));
        var logs = LogRatios(ratios);
        double mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(x => (x - mean) * (x - mean)) / (logs.Length - 1));
        double half = StudentT.Quantile(1 - (1 - level) / 2, logs.Length - 1) * sd / Math.Sqrt(logs.Length);
        return new ConfidenceInterval(Math.Exp(mean), Math.Exp(mean - half), Math.Exp(mean + half), level, level);
    }

    /// <summary>
    /// The paired estimate `compare` and `run --ab`'s stop rule use: exp of the Hodges-Lehmann
    /// estimate of the log ratios with the signed-rank interval (at least two ratios).
    /// </summary>
    public static ConfidenceInterval HodgesLehmann(IReadOnlyList<double> ratios, double level = Level)
    {
        var ci = SignedRankInterval.Of(LogRatios(ratios), level);
        return new ConfidenceInterval(Math.Exp(ci.Estimate), Math.Exp(ci.Low), Math.Exp(ci.High), ci.Level, ci.AchievedLevel);
    }

    public static PairedResult Verdict(IReadOnlyList<double> ratios, double threshold = DefaultThreshold, double alpha = Comparison.DefaultAlpha)
    {
        var ci = HodgesLehmann(ratios);
        double p = WilcoxonSignedRank.Test(ratios.Select(r => Math.Log(r)).ToList()).P;
        return Decide(new PairedResult(ratios.Count, ci.Estimate, ci.Low, ci.High, ci.Level, p, null, threshold, alpha, VerdictKind.Same, ""));
    }

    private static double[] LogRatios(IReadOnlyList<double> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        if (ratios.Count < 2) throw new ArgumentException("A paired interval needs at least two rounds.", nameof(ratios));
        return ratios.Select(r => r > 0 && !double.IsInfinity(r) ? Math.Log(r) : throw new ArgumentException("Ratios must be positive and finite.", nameof(ratios))).ToArray();
    }

    /// <summary>Benjamini-Hochberg across the cells, each verdict re-decided on its adjusted p.</summary>
    public static IReadOnlyList<PairedResult> AdjustAcrossMatrix(IReadOnlyList<PairedResult> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var adjusted = BenjaminiHochberg.Adjust(cells.Select(c => c.P).ToList());
        return cells.Select((c, i) => Decide(c with { PAdjusted = adjusted[i] })).ToList();
    }

    /// <summary>The rule alone (see the class summary).</summary>
    public static VerdictKind Decide(double ratio, double ratioLow, double ratioHigh, double p, double threshold = DefaultThreshold, double alpha = Comparison.DefaultAlpha)
    {
        if (!(threshold >= 0 && threshold < 1)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Must be within [0, 1).");
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Must be within (0, 1).");
        if (!(p < alpha)) return VerdictKind.Same;
        if (ratioLow > 1 && ratio > 1 + threshold) return VerdictKind.Slower;
        if (ratioHigh < 1 && ratio < 1 - threshold) return VerdictKind.Faster;
        return VerdictKind.Same;
    }

    private static PairedResult Decide(PairedResult c)
    {
        var verdict = Decide(c.Ratio, c.RatioLow, c.RatioHigh, c.PUsed, c.Threshold, c.Alpha);
        return c with { Verdict = verdict, Reason = Explain(c, verdict) };
    }

    private static string Explain(PairedResult c, VerdictKind verdict)
    {
        var inv = CultureInfo.InvariantCulture;
        string pText = string.Format(inv, c.PAdjusted is null ? "signed-rank p = {0:G3}" : "adjusted signed-rank p = {0:G3}", c.PUsed);
        string ciText = string.Format(inv, "{0:0%} CI [{1:F3}, {2:F3}] over {3} paired rounds", c.RatioLevel, c.RatioLow, c.RatioHigh, c.Rounds);
        string change = string.Format(inv, "{0:+0.0%;-0.0%;0.0%}", c.Ratio - 1);
        string band = string.Format(inv, "±{0:0.##%}", c.Threshold);
        return verdict switch
        {
            VerdictKind.Slower => $"slower ({change} beyond {band}): {ciText} lies above 1, {pText}",
            VerdictKind.Faster => $"faster ({change} beyond {band}): {ciText} lies below 1, {pText}",
            _ when !(c.PUsed < c.Alpha) => $"no significant difference ({pText}, change {change}, {ciText})",
            _ when c.RatioLow <= 1 && c.RatioHigh >= 1 => $"inconclusive: {pText} but the {ciText} contains 1 (change {change})",
            _ => $"significant ({pText}, {ciText}) but the change {change} is within the {band} threshold",
        };
    }
}
