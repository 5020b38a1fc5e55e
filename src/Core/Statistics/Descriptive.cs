namespace Observatory.Core.Statistics;

/// <summary>
/// Location and spread summaries used throughout the observatory. Medians and
/// quantiles rather than means because benchmark timings are skewed and carry
/// outliers (a noisy neighbour, a page fault storm); the conventions follow R so
/// that a number here can be reproduced in R or DuckDB.
/// </summary>
public static class Descriptive
{
    /// <summary>R's <c>mad()</c> constant: makes the MAD a consistent estimator of σ for normal data.</summary>
    public const double MadNormalConsistency = 1.4826;

    /// <summary>Median; the mean of the two middle values for an even count (as R's <c>median</c>).</summary>
    public static double Median(IReadOnlyList<double> xs) => MedianOfSorted(SortedCopy(xs, nameof(xs)));

    /// <summary>
    /// Quantile by Hyndman &amp; Fan's definition 7 (linear interpolation between order
    /// statistics at h = (n-1)p), the default of R's <c>quantile</c> and DuckDB's
    /// <c>quantile_cont</c>, so SQL views and C# agree.
    /// </summary>
    public static double Quantile(IReadOnlyList<double> xs, double p)
    {
        CheckProbability(p, nameof(p));
        return QuantileOfSorted(SortedCopy(xs, nameof(xs)), p);
    }

    /// <summary>
    /// Median absolute deviation from the median. Scaled by <see cref="MadNormalConsistency"/>
    /// by default (R's <c>mad()</c>), so it is directly comparable to a standard deviation.
    /// </summary>
    public static double Mad(IReadOnlyList<double> xs, bool scaleToNormal = true)
    {
        var sorted = SortedCopy(xs, nameof(xs));
        double center = MedianOfSorted(sorted);
        var deviations = new double[sorted.Length];
        for (int i = 0; i < sorted.Length; i++) deviations[i] = Math.Abs(sorted[i] - center);
        Array.Sort(deviations);
        double mad = MedianOfSorted(deviations);
        return scaleToNormal ? MadNormalConsistency * mad : mad;
    }

    /// <summary>
    /// Geometric mean, computed as exp(mean(log x)) so long products cannot overflow.
    /// The right average for ratios (speed-ups): it is symmetric under inversion.
    /// All values must be strictly positive.
    /// </summary>
    public static double GeometricMean(IReadOnlyList<double> xs)
    {
        CheckSample(xs, nameof(xs));
        double sumLog = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            if (!(xs[i] > 0)) throw new ArgumentException("Geometric mean needs strictly positive values.", nameof(xs));
            sumLog += Math.Log(xs[i]);
        }
        return Math.Exp(sumLog / xs.Count);
    }

    /// <summary>Arithmetic mean (for change-point segment levels, where the model is a mean).</summary>
    public static double Mean(IReadOnlyList<double> xs)
    {
        CheckSample(xs, nameof(xs));
        double sum = 0;
        for (int i = 0; i < xs.Count; i++) sum += xs[i];
        return sum / xs.Count;
    }

    internal static double MedianOfSorted(double[] sorted)
    {
        int n = sorted.Length;
        int half = n / 2;
        return n % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2.0;
    }

    internal static double QuantileOfSorted(double[] sorted, double p)
    {
        double index = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(index);
        int hi = (int)Math.Ceiling(index);
        double h = index - lo;
        // Same arithmetic form as R's quantile.default, type 7.
        return h == 0 || sorted[hi] == sorted[lo] ? sorted[lo] : (1 - h) * sorted[lo] + h * sorted[hi];
    }

    internal static double[] SortedCopy(IReadOnlyList<double> xs, string paramName)
    {
        CheckSample(xs, paramName);
        var copy = new double[xs.Count];
        for (int i = 0; i < copy.Length; i++) copy[i] = xs[i];
        Array.Sort(copy);
        return copy;
    }

    /// <summary>Rejects null, empty and non-finite input: a NaN timing is a harness bug, not a value.</summary>
    internal static void CheckSample(IReadOnlyList<double> xs, string paramName)
    {
        ArgumentNullException.ThrowIfNull(xs, paramName);
        if (xs.Count == 0) throw new ArgumentException("Sample is empty.", paramName);
        for (int i = 0; i < xs.Count; i++)
        {
            if (!double.IsFinite(xs[i])) throw new ArgumentException($"Sample contains a non-finite value at index {i}.", paramName);
        }
    }

    internal static void CheckPositiveSample(IReadOnlyList<double> xs, string paramName)
    {
        CheckSample(xs, paramName);
        for (int i = 0; i < xs.Count; i++)
        {
            if (!(xs[i] > 0)) throw new ArgumentException($"Sample must be strictly positive (value {xs[i]} at index {i}).", paramName);
        }
    }

    internal static void CheckProbability(double p, string paramName)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(paramName, p, "Must be within [0, 1].");
    }

    internal static void CheckLevel(double level, string paramName)
    {
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(paramName, level, "Confidence level must be within (0, 1).");
    }
}
