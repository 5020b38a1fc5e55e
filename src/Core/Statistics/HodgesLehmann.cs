namespace Observatory.Core.Statistics;

/// <summary>
/// Hodges-Lehmann estimators: the location shift that goes with the Mann-Whitney
/// test. The median of all pairwise differences is far less noisy than the
/// difference of medians and is robust to outliers in either sample.
/// </summary>
public static class HodgesLehmann
{
    /// <summary>
    /// median{ x_i − y_j } over all m·n pairs (R's "difference in location" from
    /// <c>wilcox.test(x, y, conf.int = TRUE)</c> in the exact case). Positive when x is larger.
    /// O(mn log mn): fine for benchmark sample sizes.
    /// </summary>
    public static double Shift(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Descriptive.CheckSample(x, nameof(x));
        Descriptive.CheckSample(y, nameof(y));
        return MedianOfPairwiseDifferences(x, y, v => v);
    }

    /// <summary>
    /// Multiplicative shift exp(median{ ln x_i − ln y_j }): "x takes r times as long
    /// as y". Timing noise is multiplicative, so this is the natural scale for a
    /// diff/base ratio. Values must be strictly positive.
    /// </summary>
    public static double Ratio(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Descriptive.CheckPositiveSample(x, nameof(x));
        Descriptive.CheckPositiveSample(y, nameof(y));
        return Math.Exp(MedianOfPairwiseDifferences(x, y, Math.Log));
    }

    private static double MedianOfPairwiseDifferences(IReadOnlyList<double> x, IReadOnlyList<double> y, Func<double, double> transform)
    {
        var ty = new double[y.Count];
        for (int j = 0; j < ty.Length; j++) ty[j] = transform(y[j]);
        var differences = new double[(long)x.Count * y.Count];
        int k = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double tx = transform(x[i]);
            for (int j = 0; j < ty.Length; j++) differences[k++] = tx - ty[j];
        }
        Array.Sort(differences);
        return Descriptive.MedianOfSorted(differences);
    }
}
