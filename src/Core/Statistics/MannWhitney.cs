using System.Collections.Concurrent;

namespace Observatory.Core.Statistics;

/// <summary>How the Mann-Whitney p-value is obtained.</summary>
public enum MannWhitneyMethod
{
    /// <summary>R's default: exact when both samples have fewer than 50 values and there are no ties, else normal.</summary>
    Auto,
    /// <summary>Exact null distribution; falls back to the normal approximation when there are ties, as R does.</summary>
    Exact,
    /// <summary>Normal approximation with tie correction (and continuity correction unless disabled).</summary>
    Normal,
}

/// <summary>
/// Result of a Mann-Whitney U (Wilcoxon rank-sum) test. <see cref="U"/> is R's W: the
/// number of pairs (x_i, y_j) with x_i &gt; y_j, ties counting ½. <see cref="Z"/> is
/// the (corrected) normal score when the approximation was used, else null.
/// </summary>
public sealed record MannWhitneyResult(double U, double P, bool Exact, double? Z);

/// <summary>
/// Mann-Whitney U test: does one sample tend to be larger than the other? Rank based,
/// so it makes no normality assumption about timings and shrugs off outliers.
/// Conventions follow R's <c>wilcox.test(x, y, exact = NULL, correct = TRUE)</c>:
/// exact p-values (counted by dynamic programming) when both n &lt; 50 and no ties;
/// otherwise the normal approximation with the tie-corrected variance
/// mn/12·((N+1) − Σ(t³−t)/(N(N−1))) and a ±½ continuity correction. One deviation:
/// when every value is tied the variance is 0 and R returns NaN; this returns p = 1
/// (no evidence of any difference).
/// </summary>
public static class MannWhitney
{
    /// <summary>R switches to the normal approximation at 50 values per sample.</summary>
    public const int ExactLimit = 50;

    private static readonly ConcurrentDictionary<(int M, int N), double[]> CdfCache = new();

    public static MannWhitneyResult Test(
        IReadOnlyList<double> x,
        IReadOnlyList<double> y,
        Alternative alternative = Alternative.TwoSided,
        MannWhitneyMethod method = MannWhitneyMethod.Auto,
        bool continuityCorrection = true)
    {
        Descriptive.CheckSample(x, nameof(x));
        Descriptive.CheckSample(y, nameof(y));
        int m = x.Count, n = y.Count;

        var (rankSumX, tieTerm) = RankSum(x, y);
        double u = rankSumX - m * (m + 1) / 2.0;
        bool ties = tieTerm > 0;

        bool exact = method switch
        {
            MannWhitneyMethod.Auto => !ties && m < ExactLimit && n < ExactLimit,
            MannWhitneyMethod.Exact => !ties,
            _ => false,
        };

        if (exact)
        {
            int w = (int)u; // integral: no ties
            double p = alternative switch
            {
                Alternative.Less => ExactLowerTail(w, m, n),
                Alternative.Greater => UpperTailExact(w, m, n),
                _ => Math.Min(1, 2 * (u > m * n / 2.0 ? UpperTailExact(w, m, n) : ExactLowerTail(w, m, n))),
            };
            return new MannWhitneyResult(u, Clamp01(p), true, null);
        }

        double total = m + n;
        double variance = m * (double)n / 12.0 * ((total + 1) - tieTerm / (total * (total - 1)));
        double centered = u - m * (double)n / 2.0;
        double correction = !continuityCorrection ? 0 : alternative switch
        {
            Alternative.Greater => 0.5,
            Alternative.Less => -0.5,
            _ => Math.Sign(centered) * 0.5,
        };
        if (variance <= 0) return new MannWhitneyResult(u, 1, false, null);
        double z = (centered - correction) / Math.Sqrt(variance);
        double pNormal = alternative switch
        {
            Alternative.Less => StandardNormal.Cdf(z),
            Alternative.Greater => StandardNormal.UpperTail(z),
            _ => 2 * Math.Min(StandardNormal.Cdf(z), StandardNormal.UpperTail(z)),
        };
        return new MannWhitneyResult(u, Clamp01(pNormal), false, z);
    }

    /// <summary>
    /// P(U ≤ <paramref name="u"/>) under the null for sample sizes m and n with no ties
    /// (R's <c>pwilcox(u, m, n)</c>).
    /// </summary>
    public static double ExactLowerTail(int u, int m, int n)
    {
        if (m < 1 || n < 1) throw new ArgumentOutOfRangeException(nameof(m), "Both sample sizes must be positive.");
        if (u < 0) return 0;
        if (u >= m * n) return 1;
        return CdfCache.GetOrAdd((m, n), key => BuildCdf(key.M, key.N))[u];
    }

    /// <summary>P(U ≥ u) through the symmetry of U about mn/2, avoiding 1 − (1 − p) cancellation in tiny tails.</summary>
    private static double UpperTailExact(int u, int m, int n) => ExactLowerTail(m * n - u, m, n);

    private static double Clamp01(double p) => Math.Clamp(p, 0, 1);

    /// <summary>
    /// Null distribution of U by counting arrangements: with the largest of the i+j
    /// values being an x (beating all j y's) or a y,
    /// N(i, j, u) = N(i−1, j, u−j) + N(i, j−1, u). Only additions, so doubles stay
    /// accurate even where the counts (up to C(98, 49)) exceed 2^53.
    /// </summary>
    private static double[] BuildCdf(int m, int n)
    {
        var previous = new double[n + 1][]; // row i-1
        for (int j = 0; j <= n; j++) previous[j] = [1.0];
        for (int i = 1; i <= m; i++)
        {
            var current = new double[n + 1][];
            current[0] = [1.0];
            for (int j = 1; j <= n; j++)
            {
                var counts = new double[i * j + 1];
                var withXLargest = previous[j];
                for (int k = 0; k < withXLargest.Length; k++) counts[k + j] += withXLargest[k];
                var withYLargest = current[j - 1];
                for (int k = 0; k < withYLargest.Length; k++) counts[k] += withYLargest[k];
                current[j] = counts;
            }
            previous = current;
        }
        var final = previous[n];
        double total = 0;
        foreach (var c in final) total += c;
        var cdf = new double[final.Length];
        double running = 0;
        for (int k = 0; k < final.Length; k++)
        {
            running += final[k];
            cdf[k] = running / total;
        }
        return cdf;
    }

    /// <summary>Sum of the mid-ranks of x in the pooled sample, and Σ(t³ − t) over tie groups.</summary>
    private static (double RankSumX, double TieTerm) RankSum(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int total = x.Count + y.Count;
        var pooled = new (double Value, bool IsX)[total];
        for (int i = 0; i < x.Count; i++) pooled[i] = (x[i], true);
        for (int j = 0; j < y.Count; j++) pooled[x.Count + j] = (y[j], false);
        Array.Sort(pooled, (a, b) => a.Value.CompareTo(b.Value));

        double rankSumX = 0, tieTerm = 0;
        int start = 0;
        while (start < total)
        {
            int end = start;
            while (end + 1 < total && pooled[end + 1].Value == pooled[start].Value) end++;
            int t = end - start + 1;
            double midRank = (start + end) / 2.0 + 1; // 1-based average rank of the tie group
            for (int k = start; k <= end; k++)
            {
                if (pooled[k].IsX) rankSumX += midRank;
            }
            if (t > 1) tieTerm += (double)t * t * t - t;
            start = end + 1;
        }
        return (rankSumX, tieTerm);
    }
}
