// INTERIM: replaced by the statistics library when it lands. Kept minimal and correct.
namespace Observatory.Core.Statistics;

public sealed record ConfidenceInterval(double Low, double High, double Level, bool Exact);
public sealed record RatioEstimate(double Estimate, double Low, double High);

public static class Descriptive
{
    public static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        var n = s.Length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}

public static class MedianConfidenceInterval
{
    public static ConfidenceInterval Compute(IReadOnlyList<double> xs, double level = 0.95)
    {
        var s = xs.Order().ToArray();
        return new ConfidenceInterval(s[0], s[^1], level, false);
    }
}

public static class Bootstrap
{
    public static RatioEstimate RatioOfMedians(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var r = Descriptive.Median(x) / Descriptive.Median(y);
        return new RatioEstimate(r, x.Min() / y.Max(), x.Max() / y.Min());
    }
}
