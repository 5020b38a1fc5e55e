namespace Observatory.Core.Statistics;

/// <summary>
/// Distribution-free confidence interval for a median from order statistics.
/// Each sample falls below the true median with probability ½, so the number below
/// it is Binomial(n, ½); the interval [x(j), x(n-j+1)] covers the median with
/// probability 1 - 2·P(B ≤ j-1). No assumption about the shape of timing
/// distributions is needed, which is why the adaptive sampler uses it.
/// </summary>
public static class MedianConfidenceInterval
{
    /// <summary>
    /// The narrowest symmetric order-statistic interval whose coverage is at least
    /// <paramref name="level"/>. When even (min, max) cannot reach the level (n &lt; 6 for
    /// 95%), returns (min, max) with <see cref="ConfidenceInterval.AchievedLevel"/> below
    /// the level, so <see cref="ConfidenceInterval.MeetsLevel"/> is false.
    /// </summary>
    public static ConfidenceInterval Compute(IReadOnlyList<double> xs, double level = 0.95)
    {
        Descriptive.CheckLevel(level, nameof(level));
        var sorted = Descriptive.SortedCopy(xs, nameof(xs));
        int n = sorted.Length;
        var (rank, achieved) = LowerRank(n, level);
        return new ConfidenceInterval(
            Descriptive.MedianOfSorted(sorted), sorted[rank - 1], sorted[n - rank], level, achieved);
    }

    /// <summary>
    /// The adaptive-sampling stop test: true when the interval meets the level and both
    /// ends lie within ±<paramref name="relativeTolerance"/> of the median (default ±2%).
    /// </summary>
    public static bool IsWithin(IReadOnlyList<double> xs, double relativeTolerance = 0.02, double level = 0.95)
    {
        if (!(relativeTolerance > 0)) throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "Must be positive.");
        var ci = Compute(xs, level);
        return ci.MeetsLevel && ci.Estimate != 0 && ci.RelativeHalfWidth <= relativeTolerance;
    }

    /// <summary>
    /// The 1-based rank j of the lower end (the upper end is n-j+1) and the exact coverage.
    /// The binomial pmf is accumulated in log space so large n cannot underflow 2^-n.
    /// </summary>
    public static (int Rank, double AchievedLevel) LowerRank(int n, double level = 0.95)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "Need at least one sample.");
        Descriptive.CheckLevel(level, nameof(level));
        double alpha = 1 - level;
        const double slack = 1e-12; // keeps exact ties (2·cdf == alpha) on the covering side despite rounding
        double logPmf = -n * Math.Log(2); // log P(B = 0)
        double cdf = 0;                    // P(B <= k-1) after k terms
        int k = 0;
        while (k <= (n - 1) / 2)
        {
            double next = cdf + Math.Exp(logPmf);
            if (2 * next > alpha + slack) break;
            cdf = next;
            k++;
            logPmf += Math.Log((double)(n - k + 1) / k); // P(B = k) from P(B = k-1)
        }
        if (k == 0) return (1, 1 - 2 * Math.Exp(-n * Math.Log(2))); // even (min, max) falls short
        return (k, 1 - 2 * cdf);
    }
}
