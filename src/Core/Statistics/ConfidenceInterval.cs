namespace Observatory.Core.Statistics;

/// <summary>
/// A point estimate with its interval. <see cref="Level"/> is what was asked for;
/// <see cref="AchievedLevel"/> is what the method delivers (order-statistic intervals
/// are discrete, so they usually over-cover; with too few samples they cannot reach
/// the level at all, and saying so beats pretending). For bootstrap intervals the
/// achieved level is the nominal one.
/// </summary>
public sealed record ConfidenceInterval(double Estimate, double Low, double High, double Level, double AchievedLevel)
{
    /// <summary>True when the interval really has at least the requested coverage.</summary>
    public bool MeetsLevel => AchievedLevel >= Level;

    /// <summary>
    /// The larger distance from the estimate to either end, relative to the estimate:
    /// "the CI is within ±x of the median". Uses the larger side because order-statistic
    /// intervals are asymmetric and the adaptive sampler must not stop early on the short side.
    /// </summary>
    public double RelativeHalfWidth =>
        Math.Max(High - Estimate, Estimate - Low) / Math.Abs(Estimate);

    /// <summary>True when <paramref name="value"/> lies inside [Low, High], e.g. whether a ratio CI contains 1.</summary>
    public bool Contains(double value) => value >= Low && value <= High;
}
