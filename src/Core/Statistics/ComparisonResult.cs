namespace Observatory.Core.Statistics;

/// <summary>
/// One cell of a comparison: diff vs base. <see cref="Ratio"/> = median(diff) /
/// median(base), so 1.10 means diff takes 10% longer. <see cref="P"/> is the raw
/// two-sided Mann-Whitney p-value; <see cref="PAdjusted"/> the value the verdict used
/// when one was supplied (e.g. Benjamini-Hochberg across the matrix).
/// <see cref="Threshold"/> and <see cref="Alpha"/> are kept so the verdict can be
/// re-decided after adjustment and so reports can print the rule that was applied.
/// </summary>
public sealed record ComparisonResult(
    double BaseMedian,
    double DiffMedian,
    double Ratio,
    double RatioLow,
    double RatioHigh,
    double RatioLevel,
    double P,
    double? PAdjusted,
    double Threshold,
    double Alpha,
    Verdict Verdict,
    string Reason)
{
    /// <summary>The p-value the verdict was decided on.</summary>
    public double PUsed => PAdjusted ?? P;
}
