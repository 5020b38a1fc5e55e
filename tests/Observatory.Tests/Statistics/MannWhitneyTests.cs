using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class MannWhitneyTests
{
    // Hollander & Wolfe (1973), p. 69f, the example in R's ?wilcox.test: permeability
    // constants of the human chorioamnion at term (x) and at 12-26 weeks (y).
    private static readonly double[] HwX = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] HwY = [1.15, 0.88, 0.90, 0.74, 1.21];

    [Fact]
    public void HollanderWolfe_ExactGreater_MatchesR()
    {
        // R: wilcox.test(x, y, alternative = "g") -> W = 35, p-value = 0.1272.
        // Exactly: 382 of the C(15, 5) = 3003 rank arrangements have W >= 35.
        var r = MannWhitney.Test(HwX, HwY, Alternative.Greater);
        Assert.Equal(35.0, r.U);
        Assert.True(r.Exact);
        Assert.Equal(382.0 / 3003, r.P, 12);
        Assert.Equal(0.1272, r.P, 4);
    }

    [Fact]
    public void HollanderWolfe_ExactTwoSided_IsTwiceTheUpperTail()
    {
        // R's two-sided exact p = min(1, 2 P(W >= 35)) = 764/3003 = 0.2544.
        var r = MannWhitney.Test(HwX, HwY);
        Assert.Equal(764.0 / 3003, r.P, 12);
    }

    [Fact]
    public void HollanderWolfe_LargeSampleApproximation_MatchesR()
    {
        // R: wilcox.test(x, y, alternative = "g", exact = FALSE, correct = FALSE)
        // -> W = 35, p-value = 0.1103 ("H&W large sample approximation").
        // By hand: sigma = sqrt(10*5*16/12) = 8.165, z = (35 - 25)/8.165 = 1.2247, Q(z) = 0.110336.
        var r = MannWhitney.Test(HwX, HwY, Alternative.Greater, MannWhitneyMethod.Normal, continuityCorrection: false);
        Assert.False(r.Exact);
        Assert.Equal(0.1103, r.P, 4);
        Assert.Equal(10 / Math.Sqrt(200.0 / 3), r.Z!.Value, 12);

        // With continuity correction: z = 9.5/8.165 = 1.16351 -> Q(z) = 0.122312 (by hand).
        var corrected = MannWhitney.Test(HwX, HwY, Alternative.Greater, MannWhitneyMethod.Normal);
        Assert.Equal(0.122312, corrected.P, 6);
    }

    [Fact]
    public void MtcarsMpgByTransmission_TiedNormalApproximation_MatchesR()
    {
        // R: wilcox.test(mpg ~ am, data = mtcars) -> W = 42, p-value = 0.001871
        // (with the warning "cannot compute exact p-value with ties"): the widely
        // reproduced R tutorial example. x = automatic (am = 0), y = manual (am = 1).
        double[] automatic =
        [
            21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3,
            15.2, 10.4, 10.4, 14.7, 21.5, 15.5, 15.2, 13.3, 19.2,
        ];
        double[] manual = [21.0, 21.0, 22.8, 32.4, 30.4, 33.9, 27.3, 26.0, 30.4, 15.8, 19.7, 15.0, 21.4];
        var r = MannWhitney.Test(automatic, manual);
        Assert.Equal(42.0, r.U);
        Assert.False(r.Exact);
        Assert.Equal(0.001871, r.P, 6);
    }

    [Fact]
    public void CompletelySeparatedSmallSamples_ExactProbabilities()
    {
        // By hand: only 1 of C(6,3) = 20 arrangements gives W = 0, so two-sided p = 2/20;
        // R: wilcox.test(1:3, 4:6) -> W = 0, p-value = 0.1. For 4 vs 4: 2/C(8,4) = 2/70.
        Assert.Equal(0.1, MannWhitney.Test([1.0, 2, 3], [4.0, 5, 6]).P, 12);
        Assert.Equal(2.0 / 70, MannWhitney.Test([1.0, 2, 3, 4], [5.0, 6, 7, 8]).P, 12);
        Assert.Equal(2.0 / 70, MannWhitney.Test([5.0, 6, 7, 8], [1.0, 2, 3, 4]).P, 12);
    }

    [Theory]
    // Published critical values of U for a two-sided test at alpha = 0.05 (equal sample
    // sizes; e.g. the Mann-Whitney table in Siegel & Castellan, or any statistics text):
    // n = 5: 2, n = 8: 13, n = 10: 23, n = 15: 64, n = 20: 127. Critical means
    // P(U <= c) <= 0.025 < P(U <= c + 1).
    [InlineData(5, 2)]
    [InlineData(8, 13)]
    [InlineData(10, 23)]
    [InlineData(15, 64)]
    [InlineData(20, 127)]
    public void ExactDistribution_ReproducesCriticalValueTable(int n, int critical)
    {
        Assert.True(MannWhitney.ExactLowerTail(critical, n, n) <= 0.025);
        Assert.True(MannWhitney.ExactLowerTail(critical + 1, n, n) > 0.025);
    }

    [Fact]
    public void ExactDistribution_IsSymmetricAndNormalised()
    {
        // U is symmetric about mn/2 under the null: P(U <= u) + P(U <= mn - u - 1) = 1.
        Assert.Equal(1.0, MannWhitney.ExactLowerTail(1000, 49, 49) + MannWhitney.ExactLowerTail(49 * 49 - 1001, 49, 49), 12);
        Assert.Equal(1.0, MannWhitney.ExactLowerTail(12, 3, 4));
        Assert.Equal(0.0, MannWhitney.ExactLowerTail(-1, 3, 4));
    }

    [Fact]
    public void SwappingSamples_MirrorsUAndKeepsTwoSidedP()
    {
        var a = MannWhitney.Test(HwX, HwY);
        var b = MannWhitney.Test(HwY, HwX);
        Assert.Equal(50 - a.U, b.U);
        Assert.Equal(a.P, b.P, 12);
    }

    [Fact]
    public void MethodSelection_FollowsR()
    {
        // Ties force the normal approximation even when exact is requested (R does the same).
        Assert.False(MannWhitney.Test([1.0, 2, 2], [2.0, 3, 4], method: MannWhitneyMethod.Exact).Exact);
        // 50 values per sample: R's default switches to the normal approximation.
        var big = MannWhitney.Test(
            Enumerable.Range(1, 50).Select(i => (double)i).ToArray(),
            Enumerable.Range(51, 50).Select(i => (double)i).ToArray());
        Assert.False(big.Exact);
        Assert.True(big.P < 1e-15);
    }

    [Fact]
    public void AllValuesTied_GivesPOfOne()
    {
        // R returns NaN here (zero variance); "no evidence of a difference" is p = 1.
        var r = MannWhitney.Test([5.0, 5, 5], [5.0, 5]);
        Assert.Equal(3.0, r.U);
        Assert.Equal(1.0, r.P);
    }
}
