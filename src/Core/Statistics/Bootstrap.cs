namespace Observatory.Core.Statistics;

/// <summary>
/// Percentile bootstrap intervals for statistics with no convenient closed form: a
/// ratio of medians (ratio to native, diff/base) and the geometric mean of such ratios
/// across workloads. Each side of each ratio is resampled independently from its own
/// samples (they come from different processes). Deterministic: the same inputs, in
/// the same order, with the same seed give the same interval on every machine.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = 2000;

    /// <summary>The fixed default seed; any constant would do, it only has to never change.</summary>
    public const ulong DefaultSeed = 0x5EED_0B5E_2FA7_0001UL;

    /// <summary>
    /// median(numerator) / median(denominator) with a percentile bootstrap interval
    /// (type-7 quantiles of the resampled ratios at (1∓level)/2). Samples must be
    /// strictly positive (times).
    /// </summary>
    public static ConfidenceInterval RatioOfMedians(
        IReadOnlyList<double> numerator,
        IReadOnlyList<double> denominator,
        double level = 0.95,
        int resamples = DefaultResamples,
        ulong seed = DefaultSeed)
    {
        Descriptive.CheckPositiveSample(numerator, nameof(numerator));
        Descriptive.CheckPositiveSample(denominator, nameof(denominator));
        CheckArguments(level, resamples);

        double estimate = Descriptive.Median(numerator) / Descriptive.Median(denominator);
        var rng = new SplitMix64(seed);
        var num = new Resampler(numerator);
        var den = new Resampler(denominator);
        var stats = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            double n = num.MedianOfResample(rng);
            stats[b] = n / den.MedianOfResample(rng);
        }
        return Percentile(estimate, stats, level);
    }

    /// <summary>
    /// Geometric mean of per-pair ratios of medians, with a percentile bootstrap
    /// interval in which every pair's two samples are resampled on each round. This is
    /// the "overall speed relative to native" figure with honest uncertainty.
    /// </summary>
    public static ConfidenceInterval GeometricMeanOfRatios(
        IReadOnlyList<RatioSamples> pairs,
        double level = 0.95,
        int resamples = DefaultResamples,
        ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("Need at least one ratio.", nameof(pairs));
        CheckArguments(level, resamples);

        var nums = new Resampler[pairs.Count];
        var dens = new Resampler[pairs.Count];
        double sumLog = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(pairs[i], nameof(pairs));
            Descriptive.CheckPositiveSample(pairs[i].Numerator, nameof(pairs));
            Descriptive.CheckPositiveSample(pairs[i].Denominator, nameof(pairs));
            nums[i] = new Resampler(pairs[i].Numerator);
            dens[i] = new Resampler(pairs[i].Denominator);
            sumLog += Math.Log(Descriptive.Median(pairs[i].Numerator) / Descriptive.Median(pairs[i].Denominator));
        }
        double estimate = Math.Exp(sumLog / pairs.Count);

        var rng = new SplitMix64(seed);
        var stats = new double[resamples];
        for (int b = 0; b < resamples; b++)
        {
            double s = 0;
            for (int i = 0; i < pairs.Count; i++)
            {
                double n = nums[i].MedianOfResample(rng);
                s += Math.Log(n / dens[i].MedianOfResample(rng));
            }
            stats[b] = Math.Exp(s / pairs.Count);
        }
        return Percentile(estimate, stats, level);
    }

    private static ConfidenceInterval Percentile(double estimate, double[] stats, double level)
    {
        Array.Sort(stats);
        double tail = (1 - level) / 2;
        return new ConfidenceInterval(
            estimate,
            Descriptive.QuantileOfSorted(stats, tail),
            Descriptive.QuantileOfSorted(stats, 1 - tail),
            level,
            level);
    }

    private static void CheckArguments(double level, int resamples)
    {
        Descriptive.CheckLevel(level, nameof(level));
        if (resamples < 1) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "Need at least one resample.");
    }

    /// <summary>Draws a same-size resample with replacement into a reusable buffer and returns its median.</summary>
    private sealed class Resampler(IReadOnlyList<double> source)
    {
        private readonly double[] _values = source.ToArray();
        private readonly double[] _buffer = new double[source.Count];

        public double MedianOfResample(SplitMix64 rng)
        {
            int n = _values.Length;
            // Cells of one or two processes have 2 or 3 samples, and a site's comparison pages resample
            // thousands of them 2,000 times: the small medians without a sort. Same draws, same value.
            if (n == 2) return (_values[rng.NextInt(n)] + _values[rng.NextInt(n)]) / 2.0;
            if (n == 3)
            {
                double a = _values[rng.NextInt(n)], b = _values[rng.NextInt(n)], c = _values[rng.NextInt(n)];
                return Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            }
            for (int i = 0; i < _buffer.Length; i++) _buffer[i] = _values[rng.NextInt(n)];
            Array.Sort(_buffer);
            return Descriptive.MedianOfSorted(_buffer);
        }
    }
}
