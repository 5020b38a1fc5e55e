using Observatory.Core.Statistics;

namespace Observatory.Tests.Statistics;

/// <summary>The paired A/B statistic on fixed numbers: Student's t, Wilcoxon's signed rank (against R), the geometric-mean interval and the rule.</summary>
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

    /// <summary>Ratios spread ±spread around center, deterministically, one per round.</summary>
    private static List<double> Rounds(double center, double spread, int n) =>
        Enumerable.Range(0, n).Select(i => center * (1 + spread * Math.Sin(i * 2.399))).ToList();

    [Fact]
    public void Three_percent_slower_is_called_at_a_two_percent_threshold_once_the_ci_is_about_one_percent()
    {
        var head = PairedComparison.Verdict(Rounds(1.03, 0.032, 24), threshold: 0.02);
        Assert.True(head.RatioHigh / head.Ratio - 1 < 0.011, $"CI {head.RatioLow}..{head.RatioHigh}");
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
