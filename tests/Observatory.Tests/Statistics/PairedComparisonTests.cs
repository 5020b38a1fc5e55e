using Observatory.Core.Statistics;

namespace Observatory.Tests.Statistics;

/// <summary>The paired A/B statistic on fixed numbers: Student's t, Wilcoxon's signed rank (against R), the Hodges-Lehmann estimate with its signed-rank interval, the geometric-mean interval and the rule.</summary>
public class PairedComparisonTests
{
    [Theory]
    // R: qt(0.975, df)
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(5, 2.570581836)]
    [InlineData(30, 2.042272456)]
    [InlineData(200, 1.971896224)]
    public void Student_t_quantiles_match_r(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile(0.975, df), 6);
        Assert.Equal(-expected, StudentT.Quantile(0.025, df), 6);
        Assert.Equal(0.975, StudentT.Cdf(expected, df), 8);
    }

    [Fact]
    public void Signed_rank_matches_r_on_its_paired_example()
    {
        // R's ?wilcox.test: x <- c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30);
        // y <- c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29); wilcox.test(x, y, paired = TRUE): V = 40, p-value = 0.03906
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        var r = WilcoxonSignedRank.Test(x.Zip(y, (a, b) => a - b).ToList());
        Assert.Equal(40, r.V);
        Assert.True(r.Exact);
        Assert.Equal(0.03906, r.P, 5);
        // All six rounds one way: 2/64, the smallest p six rounds can give (why an A/B run has at least six).
        Assert.Equal(2.0 / 64, WilcoxonSignedRank.Test([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]).P, 12);
        Assert.Equal(2.0 / 32, WilcoxonSignedRank.Test([0.1, 0.2, 0.3, 0.4, 0.5]).P, 12);
        // psignrank(10, 10): 43 of the 1024 subsets of the ranks 1..10 sum to at most 10
        Assert.Equal(43 / 1024.0, WilcoxonSignedRank.LowerTail(10, 10), 12);
        Assert.Equal(1, WilcoxonSignedRank.Test([0, 0, 0]).P);
    }

    [Fact]
    public void Signed_rank_with_ties_uses_the_normal_approximation_as_r_does()
    {
        // wilcox.test(c(1, 1, 2, 2, 3, -1, 4, 5)) (ties, so R warns and approximates): |d| 1,1,1 share rank 2, 2,2 rank 4.5;
        // V = 34, mean 18, variance 8*9*17/24 - (24 + 6)/48 = 50.375, z = (34 - 18 - 0.5)/sqrt(50.375), p = 0.02897
        var r = WilcoxonSignedRank.Test([1, 1, 2, 2, 3, -1, 4, 5]);
        Assert.False(r.Exact);
        Assert.Equal(34, r.V);
        Assert.Equal(0.028973, r.P, 5);
    }

    [Fact]
    public void The_geometric_mean_interval_is_t_on_the_log_ratios()
    {
        var ci = PairedComparison.GeometricMean([Math.Exp(0.01), Math.Exp(0.03)]);
        // mean log 0.02, sd 0.01414, n 2: half-width qt(0.975, 1) x 0.01414 / sqrt(2) = 0.12706
        Assert.Equal(Math.Exp(0.02), ci.Estimate, 12);
        Assert.Equal(Math.Exp(0.02 - 0.127062047), ci.Low, 8);
        Assert.Equal(Math.Exp(0.02 + 0.127062047), ci.High, 8);
        Assert.Throws<ArgumentException>(() => PairedComparison.GeometricMean([1.03]));
    }

    [Fact]
    public void Hodges_lehmann_of_six_values_is_the_median_walsh_average_within_the_extremes()
    {
        // By hand: the 21 Walsh averages of these six values have the median 0.025 (the 11th of them); for n = 6
        // qsignrank(0.025, 6) = 1 (P(V <= 0) = 1/64 < 0.025 <= P(V <= 1) = 2/64), so the interval is the least and the
        // greatest Walsh average, the extreme values themselves, with coverage 1 - 2/64.
        var ci = SignedRankInterval.Of([0.01, 0.02, 0.03, 0.05, -0.01, 0.04]);
        Assert.Equal(0.025, ci.Estimate, 12);
        Assert.Equal(-0.01, ci.Low, 12);
        Assert.Equal(0.05, ci.High, 12);
        Assert.Equal(1 - 2.0 / 64, ci.AchievedLevel, 12);
        Assert.Equal(21, SignedRankInterval.WalshAverages([1, 2, 3, 4, 5, 6]).Length);
        Assert.Throws<ArgumentException>(() => SignedRankInterval.Of([0.01]));
    }

    [Fact]
    public void Signed_rank_interval_matches_rs_algorithm_exact_and_normal()
    {
        // R's wilcox.test(x, y, paired = TRUE, conf.int = TRUE) on its ?wilcox.test example: the Walsh averages
        // of d = x - y, q = qsignrank(0.025, 9) = 6, interval [W(6), W(40)], estimate their median (as
        // computed with R's algorithm in Python): 0.46 [0.01, 0.786], coverage 1 - 2 psignrank(5, 9) = 1 - 20/512.
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
        var ci = SignedRankInterval.Of(x.Zip(y, (a, b) => a - b).ToList());
        Assert.Equal(0.46, ci.Estimate, 9);
        Assert.Equal(0.01, ci.Low, 9);
        Assert.Equal(0.786, ci.High, 9);
        Assert.Equal(1 - 20.0 / 512, ci.AchievedLevel, 12);

        // 60 values: the normal approximation, q = round(1830/2 - 1.96 x sqrt(60 x 61 x 121 / 24)) = round(648.76) = 649,
        // interval [W(649), W(1182)]; figures from the same computation in Python.
        var d = Enumerable.Range(0, 60).Select(i => 0.02 + 0.03 * Math.Sin(i * 2.399)).ToList();
        var big = SignedRankInterval.Of(d);
        Assert.Equal(0.0199987736491746, big.Estimate, 12);
        Assert.Equal(0.015068758586599583, big.Low, 12);
        Assert.Equal(0.02556006400227061, big.High, 12);
        Assert.Equal(0.950222, big.AchievedLevel, 5);
    }

    [Fact]
    public void One_round_stalled_by_contention_moves_the_geometric_mean_but_not_hodges_lehmann()
    {
        // Eleven rounds at +3% (±0.5%) and one in which the head process was stalled (8.9x, as a node process taking
        // 7.85 s of CPU for 0.42 s of work did on the shared machine).
        var ratios = Enumerable.Range(0, 11).Select(i => 1.03 * (1 + 0.005 * Math.Sin(i * 2.399))).Append(8.9).ToList();
        var geo = PairedComparison.GeometricMean(ratios);
        Assert.Equal(1.2326, geo.Estimate, 4);
        Assert.True(geo.Low < 1, $"t interval {geo.Low}..{geo.High}"); // the tail widens the t interval past 1: a +3% head looks like nothing
        var hl = PairedComparison.HodgesLehmann(ratios);
        Assert.Equal(1.03038, hl.Estimate, 5);
        Assert.Equal(1.02743, hl.Low, 5);
        Assert.Equal(1.03453, hl.High, 5);
        // Without the stalled round the estimate is within 0.1% of the same.
        Assert.Equal(1.02972, PairedComparison.HodgesLehmann(ratios.Take(11).ToList()).Estimate, 5);
        var verdict = PairedComparison.Verdict(ratios);
        Assert.Equal(Verdict.Slower, verdict.Verdict);
        Assert.Equal(hl.Estimate, verdict.Ratio, 12);
        Assert.Equal(hl.Low, verdict.RatioLow, 12);
    }

    /// <summary>Ratios spread ±spread around center, deterministically, one per round.</summary>
    private static List<double> Rounds(double center, double spread, int n) =>
        Enumerable.Range(0, n).Select(i => center * (1 + spread * Math.Sin(i * 2.399))).ToList();

    [Fact]
    public void Three_percent_slower_is_called_at_a_two_percent_threshold_once_the_ci_is_about_one_percent()
    {
        var head = PairedComparison.Verdict(Rounds(1.03, 0.032, 24), threshold: 0.02);
        Assert.True(head.RatioHigh / head.Ratio - 1 < 0.012, $"CI {head.RatioLow}..{head.RatioHigh}"); // signed-rank interval on evenly spread rounds: a little wider than t
        Assert.Equal(Verdict.Slower, head.Verdict);
        Assert.StartsWith("slower (+2.9% beyond ±2%)", head.Reason);
        Assert.Equal(Verdict.Faster, PairedComparison.Verdict(Rounds(1 / 1.03, 0.032, 24), threshold: 0.02).Verdict);
        // The rule across runs (whole CI beyond the threshold) would have missed it: the CI reaches below 1.02.
        Assert.True(head.RatioLow < 1.02);
    }

    [Fact]
    public void Twins_and_small_or_uncertain_changes_are_same()
    {
        var twin = PairedComparison.Verdict(Rounds(1.0, 0.02, 24));
        Assert.Equal(Verdict.Same, twin.Verdict);
        // Significant but within the threshold: +1% with a tight CI.
        var small = PairedComparison.Verdict(Rounds(1.01, 0.005, 24));
        Assert.True(small.RatioLow > 1 && small.P < 0.05);
        Assert.Equal(Verdict.Same, small.Verdict);
        Assert.Contains("within the ±2% threshold", small.Reason);
        // +3% on the estimate, but five rounds this noisy cannot say so: the CI contains 1.
        var noisy = PairedComparison.Verdict(Rounds(1.03, 0.2, 5));
        Assert.True(noisy.RatioLow < 1);
        Assert.Equal(Verdict.Same, noisy.Verdict);
        // The rule alone: every condition is needed.
        Assert.Equal(Verdict.Slower, PairedComparison.Decide(1.03, 1.01, 1.05, 0.01, 0.02, 0.05));
        Assert.Equal(Verdict.Same, PairedComparison.Decide(1.03, 0.99, 1.07, 0.01, 0.02, 0.05));
        Assert.Equal(Verdict.Same, PairedComparison.Decide(1.03, 1.01, 1.05, 0.06, 0.02, 0.05));
        Assert.Equal(Verdict.Same, PairedComparison.Decide(1.015, 1.01, 1.02, 0.01, 0.02, 0.05));
    }

    [Fact]
    public void Adjusting_across_cells_can_only_turn_a_verdict_to_same()
    {
        var cells = new[] { PairedComparison.Verdict(Rounds(1.03, 0.02, 6)), PairedComparison.Verdict(Rounds(1.0, 0.02, 6)), PairedComparison.Verdict(Rounds(1.0, 0.03, 6)) };
        Assert.Equal(Verdict.Slower, cells[0].Verdict); // 2/64 on its own
        var adjusted = PairedComparison.AdjustAcrossMatrix(cells);
        Assert.All(adjusted, c => Assert.True(c.PAdjusted >= c.P));
        Assert.Equal(Verdict.Same, adjusted[0].Verdict); // 3 x 2/64 > 0.05
        Assert.Contains("adjusted signed-rank p", adjusted[0].Reason);
    }
}
