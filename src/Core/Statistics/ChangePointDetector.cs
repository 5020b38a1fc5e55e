namespace Observatory.Core.Statistics;

/// <summary>
/// Finds level shifts along a series (e.g. one benchmark's nightly medians) by PELT
/// (Killick, Fearnhead &amp; Eckley 2012): the exact minimiser of Σ segment cost +
/// penalty × #changes, with pruning that keeps it near-linear. The cost is the
/// normal mean-change cost (sum of squared deviations from the segment mean, in
/// units of σ²). σ is estimated robustly as MAD(first differences)/√2: differencing
/// removes the level shifts themselves, and the MAD ignores the few large jumps
/// they leave behind.
/// </summary>
public static class ChangePointDetector
{
    public static ChangePointResult Detect(IReadOnlyList<double> series, ChangePointOptions? options = null)
    {
        options ??= new ChangePointOptions();
        Descriptive.CheckSample(series, nameof(series));
        if (options.MinSegmentLength < 1) throw new ArgumentOutOfRangeException(nameof(options), "MinSegmentLength must be at least 1.");
        if (!(options.PenaltyFactor > 0)) throw new ArgumentOutOfRangeException(nameof(options), "PenaltyFactor must be positive.");
        if (!(options.OutlierThreshold > 0)) throw new ArgumentOutOfRangeException(nameof(options), "OutlierThreshold must be positive.");

        int n = series.Count;
        double sigma = options.NoiseSigma ?? NoiseSigma(series);
        if (!(sigma >= 0) || double.IsInfinity(sigma)) throw new ArgumentOutOfRangeException(nameof(options), "NoiseSigma must be finite and non-negative.");
        double penaltyInSigmaUnits = options.PenaltyFactor * Math.Log(n);
        double penalty = penaltyInSigmaUnits * sigma * sigma;

        var values = options.FilterOutliers && sigma > 0 ? HampelFilter(series, sigma * options.OutlierThreshold) : series.ToArray();
        if (sigma == 0 || n < 2 * options.MinSegmentLength) return new ChangePointResult([], sigma, penalty);

        // Centre and scale so costs are in σ² units and prefix sums do not lose
        // precision on raw nanosecond values around 1e9.
        double center = Descriptive.Median(values);
        var standardized = new double[n];
        for (int i = 0; i < n; i++) standardized[i] = (values[i] - center) / sigma;

        var starts = Pelt(standardized, penaltyInSigmaUnits, options.MinSegmentLength);
        return new ChangePointResult(Describe(values, starts), sigma, penalty);
    }

    /// <summary>
    /// MAD(first differences)/√2 (the differences of i.i.d. noise have variance 2σ²).
    /// Falls back to the standard deviation of the differences/√2 when more than half
    /// the differences are equal (MAD = 0, e.g. a noise-free step), and is 0 only for
    /// a constant series.
    /// </summary>
    public static double NoiseSigma(IReadOnlyList<double> series)
    {
        Descriptive.CheckSample(series, nameof(series));
        if (series.Count < 3) return 0;
        var diffs = new double[series.Count - 1];
        for (int i = 0; i < diffs.Length; i++) diffs[i] = series[i + 1] - series[i];
        double sigma = Descriptive.Mad(diffs) / Math.Sqrt(2);
        if (sigma > 0) return sigma;
        double mean = Descriptive.Mean(diffs);
        double ss = 0;
        foreach (var d in diffs) ss += (d - mean) * (d - mean);
        return Math.Sqrt(ss / (diffs.Length - 1)) / Math.Sqrt(2);
    }

    /// <summary>Segment start indices (excluding 0) of the optimal segmentation.</summary>
    private static List<int> Pelt(double[] z, double beta, int minSeg)
    {
        int n = z.Length;
        var s1 = new double[n + 1];
        var s2 = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            s1[i + 1] = s1[i] + z[i];
            s2[i + 1] = s2[i] + z[i] * z[i];
        }
        double Cost(int from, int to)
        {
            double sum = s1[to] - s1[from];
            return Math.Max(0, s2[to] - s2[from] - sum * sum / (to - from));
        }

        var f = new double[n + 1];
        var last = new int[n + 1];
        Array.Fill(f, double.PositiveInfinity);
        f[0] = -beta;
        var candidates = new List<int> { 0 };
        for (int t = minSeg; t <= n; t++)
        {
            // Prune with the change point t' = t − minSeg, which is usable from now on:
            // if F(s) + C(s, t') > F(t'), ending a segment at t' beats starting one at s
            // for every later end, because C(s, t') + C(t', u) ≤ C(s, u).
            int pivot = t - minSeg;
            if (pivot >= minSeg)
            {
                candidates.RemoveAll(s => s < pivot && f[s] + Cost(s, pivot) > f[pivot]);
            }

            double best = double.PositiveInfinity;
            int bestStart = 0;
            foreach (int s in candidates)
            {
                if (t - s < minSeg) continue;
                double v = f[s] + Cost(s, t) + beta;
                if (v < best)
                {
                    best = v;
                    bestStart = s;
                }
            }
            f[t] = best;
            last[t] = bestStart;
            candidates.Add(t);
        }

        var starts = new List<int>();
        for (int t = n; t > 0; t = last[t])
        {
            if (last[t] > 0) starts.Add(last[t]);
        }
        starts.Reverse();
        return starts;
    }

    private static List<ChangePoint> Describe(double[] values, List<int> starts)
    {
        var bounds = new List<int>(starts.Count + 2) { 0 };
        bounds.AddRange(starts);
        bounds.Add(values.Length);
        var means = new double[bounds.Count - 1];
        for (int k = 0; k < means.Length; k++)
        {
            double sum = 0;
            for (int i = bounds[k]; i < bounds[k + 1]; i++) sum += values[i];
            means[k] = sum / (bounds[k + 1] - bounds[k]);
        }
        var result = new List<ChangePoint>(starts.Count);
        for (int k = 0; k < starts.Count; k++) result.Add(new ChangePoint(starts[k], means[k], means[k + 1]));
        return result;
    }

    /// <summary>Replaces points further than <paramref name="limit"/> from the median of their ±2 window.</summary>
    private static double[] HampelFilter(IReadOnlyList<double> series, double limit)
    {
        const int halfWindow = 2;
        int n = series.Count;
        var result = new double[n];
        var window = new List<double>(2 * halfWindow + 1);
        for (int i = 0; i < n; i++)
        {
            window.Clear();
            for (int j = Math.Max(0, i - halfWindow); j <= Math.Min(n - 1, i + halfWindow); j++) window.Add(series[j]);
            double localMedian = Descriptive.Median(window);
            result[i] = Math.Abs(series[i] - localMedian) > limit ? localMedian : series[i];
        }
        return result;
    }
}
