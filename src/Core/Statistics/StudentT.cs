namespace Observatory.Core.Statistics;

/// <summary>
/// Student's t distribution, for the interval of a mean from few values: a paired A/B
/// run has a handful of rounds at first, where the normal quantile (1.96) would give an
/// interval far too narrow (t at 2 degrees of freedom is 4.30). The distribution
/// function goes through the regularized incomplete beta function (continued fraction,
/// as in Numerical Recipes §6.4); quantiles by bisection on it, so they agree with R's
/// <c>qt</c> to about 1e-10.
/// </summary>
public static class StudentT
{
    /// <summary>P(T ≤ t) with <paramref name="df"/> degrees of freedom.</summary>
    public static double Cdf(double t, double df)
    {
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (double.IsNaN(t)) return double.NaN;
        if (double.IsPositiveInfinity(t)) return 1;
        if (double.IsNegativeInfinity(t)) return 0;
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df / (df + t²).
        double tail = 0.5 * IncompleteBeta.Regularized(df / (df + t * t), df / 2, 0.5);
        return t > 0 ? 1 - tail : tail;
    }

    /// <summary>The <paramref name="p"/> quantile (R's <c>qt(p, df)</c>).</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "Must be within (0, 1).");
        if (!(df > 0)) throw new ArgumentOutOfRangeException(nameof(df), df, "Degrees of freedom must be positive.");
        if (p < 0.5) return -Quantile(1 - p, df);
        if (p == 0.5) return 0;
        double low = 0, high = 1;
        while (Cdf(high, df) < p) { low = high; high *= 2; }
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            double mid = (low + high) / 2;
            if (Cdf(mid, df) < p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }
}
