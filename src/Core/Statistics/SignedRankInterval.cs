namespace Observatory.Core.Statistics;

/// <summary>
/// The one-sample Hodges-Lehmann estimate with the distribution-free interval that inverts
/// Wilcoxon's signed-rank test (R's <c>wilcox.test(d, conf.int = TRUE)</c>): the estimate is
/// the median of the n(n+1)/2 Walsh averages (d_i + d_j)/2, i ≤ j; the interval runs from the
/// q-th smallest to the q-th largest of them, q the signed-rank critical value. It assumes only
/// that the differences are symmetric about their centre, not that they are normal: one
/// round in which the machine stalled one engine moves a mean and a t interval by its whole
/// size, and these by one rank.
/// </summary>
public static class SignedRankInterval
{
    /// <summary>C's DBL_EPSILON (.NET's double.Epsilon is the smallest subnormal instead).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>
    /// Estimate and interval of the centre of <paramref name="d"/> (at least two values). q is
    /// exact below <see cref="WilcoxonSignedRank.ExactLimit"/> values (the smallest q with
    /// P(V ≤ q) ≥ (1 − level)/2, at least 1, as R's <c>qsignrank</c>), else the normal
    /// approximation n(n+1)/4 − z·√(n(n+1)(2n+1)/24), rounded. The achieved level is
    /// 1 − 2·P(V ≤ q − 1): exact intervals over-cover, and with few values cannot reach the level.
    /// </summary>
    public static ConfidenceInterval Of(IReadOnlyList<double> d, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Count < 2) throw new ArgumentException("A signed-rank interval needs at least two values.", nameof(d));
        if (d.Any(x => !double.IsFinite(x))) throw new ArgumentException("Values must be finite.", nameof(d));
        Descriptive.CheckLevel(level, nameof(level));
        var walsh = WalshAverages(d);
        int n = d.Count, m = walsh.Length;
        double tail = (1 - level) / 2;
        int q;
        double achieved;
        if (n < WilcoxonSignedRank.ExactLimit)
        {
            q = 0;
            // Less 10 machine epsilons, as R's qsignrank: a sum of probabilities equal to the tail counts as reaching it.
            while (WilcoxonSignedRank.LowerTail(q, n) < tail - 10 * MachineEpsilon) q++;
            q = Math.Max(q, 1);
            achieved = 1 - 2 * WilcoxonSignedRank.LowerTail(q - 1, n);
        }
        else
        {
            double sd = Math.Sqrt(n * (n + 1.0) * (2 * n + 1) / 24);
            q = Math.Clamp((int)Math.Round(m / 2.0 - NormalQuantile(1 - tail) * sd, MidpointRounding.AwayFromZero), 1, (m + 1) / 2);
            achieved = 1 - 2 * StandardNormal.Cdf((q - 0.5 - m / 2.0) / sd);
        }
        return new ConfidenceInterval(Descriptive.MedianOfSorted(walsh), walsh[q - 1], walsh[m - q], level, achieved);
    }

    /// <summary>The n(n+1)/2 averages (d_i + d_j)/2, i ≤ j, sorted.</summary>
    public static double[] WalshAverages(IReadOnlyList<double> d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var walsh = new double[d.Count * (d.Count + 1L) / 2];
        int k = 0;
        for (int i = 0; i < d.Count; i++)
            for (int j = i; j < d.Count; j++) walsh[k++] = (d[i] + d[j]) / 2;
        Array.Sort(walsh);
        return walsh;
    }

    /// <summary>Φ⁻¹(p) by bisection on <see cref="StandardNormal.Cdf"/>: called once per interval, so plain beats clever.</summary>
    private static double NormalQuantile(double p)
    {
        double lo = -40, hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            double mid = (lo + hi) / 2;
            if (StandardNormal.Cdf(mid) < p) lo = mid; else hi = mid;
        }
        return (lo + hi) / 2;
    }
}
