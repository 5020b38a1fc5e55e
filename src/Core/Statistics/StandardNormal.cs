namespace Observatory.Core.Statistics;

/// <summary>
/// The standard normal distribution function, for the large-sample Mann-Whitney
/// p-value. System.Math has no erf; this is Hart's (1968) double-precision rational
/// approximation as given by West (2005), "Better approximations to cumulative
/// normal functions", accurate to about 1e-14.
/// </summary>
public static class StandardNormal
{
    /// <summary>Φ(z) = P(Z ≤ z).</summary>
    public static double Cdf(double z) => z > 0 ? 1 - LowerTailOfNegativeAbs(z) : LowerTailOfNegativeAbs(z);

    /// <summary>P(Z &gt; z), computed directly so small upper tails keep their precision.</summary>
    public static double UpperTail(double z) => Cdf(-z);

    /// <summary>Φ(-|z|): the smaller tail, where the approximation is evaluated.</summary>
    private static double LowerTailOfNegativeAbs(double z)
    {
        if (double.IsNaN(z)) return double.NaN;
        double y = Math.Abs(z);
        if (y > 37) return 0;
        double exponential = Math.Exp(-y * y / 2);
        if (y < 7.07106781186547)
        {
            double a = 3.52624965998911E-02 * y + 0.700383064443688;
            a = a * y + 6.37396220353165;
            a = a * y + 33.912866078383;
            a = a * y + 112.079291497871;
            a = a * y + 221.213596169931;
            a = a * y + 220.206867912376;
            double b = 8.83883476483184E-02 * y + 1.75566716318264;
            b = b * y + 16.064177579207;
            b = b * y + 86.7807322029461;
            b = b * y + 296.564248779674;
            b = b * y + 637.333633378831;
            b = b * y + 793.826512519948;
            b = b * y + 440.413735824752;
            return exponential * a / b;
        }
        double c = y + 0.65;
        c = y + 4 / c;
        c = y + 3 / c;
        c = y + 2 / c;
        c = y + 1 / c;
        return exponential / c / 2.506628274631;
    }
}
