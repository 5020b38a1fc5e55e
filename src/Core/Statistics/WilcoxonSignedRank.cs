using System.Collections.Concurrent;

namespace Observatory.Core.Statistics;

/// <summary>Result of a signed-rank test: V (the sum of the positive ranks, R's statistic), the p-value, and how it was computed.</summary>
public sealed record WilcoxonSignedRankResult(double V, double P, int NonZero, bool Exact);

/// <summary>
/// Wilcoxon's signed-rank test of whether paired differences are centred on zero, with
/// R's <c>wilcox.test(d)</c> conventions: zero differences are dropped, tied |d| share
/// their average rank, the p-value is exact (distribution of V by counting subsets of
/// ranks) below 50 non-zero values without ties, else the normal approximation with the
/// tie correction and a continuity correction. For an A/B run the differences are the
/// log ratios head/base of the rounds: it asks whether head is slower in more rounds,
/// and by more, than chance allows, without assuming their spread is normal.
/// </summary>
public static class WilcoxonSignedRank
{
    public const int ExactLimit = 50;

    private static readonly ConcurrentDictionary<int, double[]> CdfCache = new();

    /// <summary>Two-sided test of the differences <paramref name="d"/> against 0.</summary>
    public static WilcoxonSignedRankResult Test(IReadOnlyList<double> d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var nonZero = d.Where(x => x != 0).ToArray();
        if (nonZero.Any(double.IsNaN)) throw new ArgumentException("Differences must not be NaN.", nameof(d));
        int n = nonZero.Length;
        if (n == 0) return new WilcoxonSignedRankResult(0, 1, 0, false);

        var order = Enumerable.Range(0, n).OrderBy(i => Math.Abs(nonZero[i])).ToArray();
        var ranks = new double[n];
        double tieTerm = 0;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && Math.Abs(nonZero[order[j + 1]]) == Math.Abs(nonZero[order[i]])) j++;
            double average = (i + j + 2) / 2.0; // ranks i+1 .. j+1
            for (int k = i; k <= j; k++) ranks[order[k]] = average;
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        double v = 0;
        for (int i = 0; i < n; i++) if (nonZero[i] > 0) v += ranks[i];

        double total = n * (n + 1) / 2.0;
        if (tieTerm == 0 && n < ExactLimit)
        {
            int w = (int)v;
            // P(V ≤ w) and P(V ≥ w) = P(V ≤ total − w) by the symmetry of V.
            double p = 2 * Math.Min(LowerTail(w, n), LowerTail((int)total - w, n));
            return new WilcoxonSignedRankResult(v, Math.Min(1, p), n, true);
        }
        double mean = total / 2;
        double variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48;
        if (variance <= 0) return new WilcoxonSignedRankResult(v, 1, n, false);
        double centered = v - mean;
        double z = (centered - Math.Sign(centered) * 0.5) / Math.Sqrt(variance);
        return new WilcoxonSignedRankResult(v, Math.Min(1, 2 * StandardNormal.UpperTail(Math.Abs(z))), n, false);
    }

    /// <summary>P(V ≤ w) for n non-zero differences without ties (R's <c>psignrank(w, n)</c>).</summary>
    public static double LowerTail(int w, int n)
    {
        if (w < 0) return 0;
        var cdf = CdfCache.GetOrAdd(n, Build);
        return w >= cdf.Length ? 1 : cdf[w];
    }

    /// <summary>The null distribution of V: each rank 1..n is positive or not with probability ½, counted as subset sums.</summary>
    private static double[] Build(int n)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++)
            for (int s = max; s >= rank; s--) counts[s] += counts[s - rank];
        var cdf = new double[max + 1];
        double sum = 0, all = Math.Pow(2, n);
        for (int s = 0; s <= max; s++) { sum += counts[s]; cdf[s] = sum / all; }
        return cdf;
    }
}
