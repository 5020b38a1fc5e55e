namespace Observatory.Core.Statistics;

/// <summary>
/// A level shift in a series. <see cref="Index"/> is the first index of the new level
/// (series[Index] is the first value after the shift). The means are those of the
/// adjacent segments, after isolated outliers were replaced by their local median.
/// </summary>
public sealed record ChangePoint(int Index, double MeanBefore, double MeanAfter)
{
    /// <summary>(after − before) / before: +0.10 means the level rose by 10% (slower, for times).</summary>
    public double RelativeChange => (MeanAfter - MeanBefore) / MeanBefore;
}

/// <summary>
/// Change points found in a series, with the noise level and penalty that decided
/// them, so a reader can see why a shift was or was not reported.
/// </summary>
/// <param name="ChangePoints">In increasing index order.</param>
/// <param name="NoiseSigma">Robust estimate of the point-to-point noise σ, in series units.</param>
/// <param name="Penalty">Cost of one extra change point, k·σ²·ln n, in squared series units.</param>
public sealed record ChangePointResult(IReadOnlyList<ChangePoint> ChangePoints, double NoiseSigma, double Penalty);

/// <summary>Tuning of <see cref="ChangePointDetector"/>; the defaults suit nightly medians.</summary>
public sealed record ChangePointOptions
{
    /// <summary>
    /// k in the penalty k·σ²·ln n. 3 is the leading term of the modified BIC (Zhang &amp;
    /// Siegmund 2007) for a change in mean, the default penalty of R's changepoint
    /// package: strict enough that pure noise yields no change points.
    /// </summary>
    public double PenaltyFactor { get; init; } = 3.0;

    /// <summary>Shortest segment: a new level must persist this many points before it is reported.</summary>
    public int MinSegmentLength { get; init; } = 3;

    /// <summary>Noise σ to use instead of estimating it from the series (e.g. from a longer history).</summary>
    public double? NoiseSigma { get; init; }

    /// <summary>
    /// Replace a point by its local median (window ±2) when it is more than
    /// <see cref="OutlierThreshold"/>·σ away from it (a Hampel filter), so one bad
    /// night is not reported as two level shifts.
    /// </summary>
    public bool FilterOutliers { get; init; } = true;

    public double OutlierThreshold { get; init; } = 4.0;
}
