using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

/// <summary>
/// Change-point detection has no single published reference output; these series are
/// constructed so the right answer is known by design (where the levels change), and
/// the seeded noise makes each case reproducible. Tolerances on segment means are
/// about 5 standard errors of a 30-point mean (σ/√30 = 0.18 for σ = 1).
/// </summary>
public class ChangePointDetectorTests
{
    [Fact]
    public void NoiseFreeStep_IsFoundAtTheFirstIndexOfTheNewLevel()
    {
        var series = Enumerable.Repeat(100.0, 20).Concat(Enumerable.Repeat(110.0, 20)).ToArray();
        var result = ChangePointDetector.Detect(series);
        var cp = Assert.Single(result.ChangePoints);
        Assert.Equal(20, cp.Index);
        Assert.Equal(100.0, cp.MeanBefore, 12);
        Assert.Equal(110.0, cp.MeanAfter, 12);
        Assert.Equal(0.10, cp.RelativeChange, 12);
    }

    [Fact]
    public void NoisyStep_IsFoundAtTheRightIndex()
    {
        var series = SyntheticSeries.Steps([100, 108], [30, 30], sigma: 1, seed: 11);
        var cp = Assert.Single(ChangePointDetector.Detect(series).ChangePoints);
        Assert.Equal(30, cp.Index);
        Assert.Equal(100, cp.MeanBefore, 0.9);
        Assert.Equal(108, cp.MeanAfter, 0.9);
    }

    [Fact]
    public void TwoSteps_AreBothFound()
    {
        var series = SyntheticSeries.Steps([100, 110, 105], [30, 30, 30], sigma: 1, seed: 5);
        var cps = ChangePointDetector.Detect(series).ChangePoints;
        Assert.Equal([30, 60], cps.Select(c => c.Index));
        Assert.Equal(110, cps[0].MeanAfter, 0.9);
        Assert.Equal(105, cps[1].MeanAfter, 0.9);
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    [InlineData(5UL)]
    public void PureNoise_HasNoChangePoints(ulong seed)
    {
        var series = SyntheticSeries.Normal(200, 100, 1, seed);
        var result = ChangePointDetector.Detect(series);
        Assert.Empty(result.ChangePoints);
        // The robust σ estimate should be near the true σ = 1: its standard error at
        // n = 200 is roughly 1.2/√200 = 0.09, so ±0.3 is over 3 standard errors.
        Assert.InRange(result.NoiseSigma, 0.7, 1.3);
        Assert.Equal(3 * Math.Log(200) * result.NoiseSigma * result.NoiseSigma, result.Penalty, 9);
    }

    [Fact]
    public void SingleOutlier_IsNotAShift()
    {
        var series = SyntheticSeries.Normal(100, 100, 1, seed: 8);
        series[50] += 20;
        Assert.Empty(ChangePointDetector.Detect(series).ChangePoints);
        // Without the Hampel filter, the mean-change cost is fooled by the single bad night.
        Assert.NotEmpty(ChangePointDetector.Detect(series, new ChangePointOptions { FilterOutliers = false }).ChangePoints);
    }

    [Fact]
    public void NanosecondScaleValues_DoNotLosePrecision()
    {
        // 1 s medians with 1 ms noise and a 5% step: raw sums of squares would be ~1e20.
        var series = SyntheticSeries.Steps([1e9, 1.05e9], [25, 25], sigma: 1e6, seed: 3);
        var cp = Assert.Single(ChangePointDetector.Detect(series).ChangePoints);
        Assert.Equal(25, cp.Index);
        Assert.Equal(0.05, cp.RelativeChange, 0.005);
    }

    [Fact]
    public void ShortOrConstantSeries_HaveNoChangePoints()
    {
        Assert.Empty(ChangePointDetector.Detect([1.0, 5, 9, 13, 20]).ChangePoints);
        Assert.Empty(ChangePointDetector.Detect(Enumerable.Repeat(7.0, 30).ToArray()).ChangePoints);
    }

    [Fact]
    public void NoiseSigma_OfNoiseFreeStepFallsBackToStandardDeviation()
    {
        // 19 zero differences and one of 10: MAD = 0; sd of diffs = sqrt((100 - 100/20)/19) = sqrt(5),
        // divided by sqrt(2) -> sqrt(2.5) (by hand).
        var series = Enumerable.Repeat(0.0, 10).Concat(Enumerable.Repeat(10.0, 11)).ToArray();
        Assert.Equal(Math.Sqrt(2.5), ChangePointDetector.NoiseSigma(series), 12);
    }
}
