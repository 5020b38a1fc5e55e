using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

/// <summary>
/// A bootstrap has no published reference output for arbitrary data, so these tests
/// use cases whose answer can be derived by hand (degenerate or two-valued resampling
/// distributions) plus exact invariances that any correct implementation must satisfy.
/// </summary>
public class BootstrapTests
{
    private static readonly double[] Base = [100, 102, 98, 101, 99, 103, 97, 100.5, 99.5, 101.5];
    private static readonly double[] Diff = [110, 111, 108, 112, 109, 113, 107, 110.5, 109.5, 111.5];

    [Fact]
    public void ConstantSamples_CollapseToTheRatio()
    {
        var ci = Bootstrap.RatioOfMedians([3.0, 3, 3], [2.0, 2, 2, 2]);
        Assert.Equal(1.5, ci.Estimate);
        Assert.Equal(1.5, ci.Low);
        Assert.Equal(1.5, ci.High);
    }

    [Fact]
    public void TwoValuedDenominator_GivesHandDerivedPercentiles()
    {
        // Resampling {1, 2} twice gives medians 1, 1.5, 2 with probability 1/4, 1/2, 1/4,
        // so 6/median is 6, 4, 3. Of 2000 resamples ~500 (sd 19) are 3 and ~500 are 6,
        // far more than the 50 needed to fill each 2.5% tail: the interval is [3, 6].
        var ci = Bootstrap.RatioOfMedians([6.0], [1.0, 2]);
        Assert.Equal(4.0, ci.Estimate);
        Assert.Equal(3.0, ci.Low);
        Assert.Equal(6.0, ci.High);
        Assert.Equal(0.95, ci.Level);
    }

    [Fact]
    public void IsDeterministicForASeed()
    {
        var a = Bootstrap.RatioOfMedians(Diff, Base, seed: 42);
        var b = Bootstrap.RatioOfMedians(Diff, Base, seed: 42);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ScalingTheNumeratorByTwoScalesTheIntervalExactly()
    {
        // Same seed -> same resampling indices; doubling is exact in binary floating point.
        var a = Bootstrap.RatioOfMedians(Diff, Base);
        var b = Bootstrap.RatioOfMedians(Diff.Select(v => 2 * v).ToArray(), Base);
        Assert.Equal(2 * a.Low, b.Low);
        Assert.Equal(2 * a.High, b.High);
        Assert.Equal(2 * a.Estimate, b.Estimate);
    }

    [Fact]
    public void RatioInterval_BracketsTheEstimateAndStaysWithinPossibleRange()
    {
        // Any resampled median lies within [min, max] of its sample, so every bootstrap
        // ratio lies within [min(diff)/max(base), max(diff)/min(base)] = [107/103, 113/97].
        var ci = Bootstrap.RatioOfMedians(Diff, Base);
        Assert.Equal(110.25 / 100.25, ci.Estimate, 12);
        Assert.True(ci.Low <= ci.Estimate && ci.Estimate <= ci.High);
        Assert.True(ci.Low >= 107.0 / 103 && ci.High <= 113.0 / 97);
        Assert.True(ci.Low > 1.0, "a 10% shift with ±3% spread must exclude 1");
    }

    [Fact]
    public void GeometricMeanOfOnePair_EqualsTheRatioOfMedians()
    {
        // With one pair the resampling sequence is identical; only exp(log r) rounding differs.
        var single = Bootstrap.RatioOfMedians(Diff, Base);
        var geo = Bootstrap.GeometricMeanOfRatios([new RatioSamples(Diff, Base)]);
        Assert.Equal(single.Estimate, geo.Estimate, 12);
        Assert.Equal(single.Low, geo.Low, 12);
        Assert.Equal(single.High, geo.High, 12);
    }

    [Fact]
    public void GeometricMeanOfConstantRatios_IsExact()
    {
        // Ratios 2 and 8 -> geometric mean sqrt(16) = 4, no resampling variation.
        var ci = Bootstrap.GeometricMeanOfRatios(
        [
            new RatioSamples([2.0, 2, 2], [1.0, 1]),
            new RatioSamples([8.0], [1.0, 1, 1]),
        ]);
        Assert.Equal(4.0, ci.Estimate, 12);
        Assert.Equal(4.0, ci.Low, 12);
        Assert.Equal(4.0, ci.High, 12);
    }

    [Fact]
    public void RejectsNonPositiveSamplesAndBadArguments()
    {
        Assert.Throws<ArgumentException>(() => Bootstrap.RatioOfMedians([1.0], [0.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.RatioOfMedians([1.0], [1.0], level: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.RatioOfMedians([1.0], [1.0], resamples: 0));
        Assert.Throws<ArgumentException>(() => Bootstrap.GeometricMeanOfRatios([]));
    }

    [Theory]
    [InlineData(2, 0.95)]
    [InlineData(3, 0.95)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.5)]
    public void SmallSamples_GiveTheSameIntervalAsSortingEveryResample(int n, double level)
    {
        // The 2- and 3-sample medians skip the sort; the interval must be the one the sorting
        // bootstrap gives from the same draws, to the last bit (stored ratios never change).
        double[] num = new[] { 5.25, 4.75, 6.5 }[..n], den = new[] { 2.0, 2.5, 1.75 }[..n];
        var ci = Bootstrap.RatioOfMedians(num, den, level);
        var rng = new SplitMix64(Bootstrap.DefaultSeed);
        double MedianOfResample(double[] xs)
        {
            var b = new double[xs.Length];
            for (int i = 0; i < b.Length; i++) b[i] = xs[rng.NextInt(xs.Length)];
            Array.Sort(b);
            return b.Length % 2 == 1 ? b[b.Length / 2] : (b[b.Length / 2 - 1] + b[b.Length / 2]) / 2.0;
        }
        var stats = new double[Bootstrap.DefaultResamples];
        for (int k = 0; k < stats.Length; k++) { double top = MedianOfResample(num); stats[k] = top / MedianOfResample(den); }
        Array.Sort(stats);
        double Quantile(double p)
        {
            double index = (stats.Length - 1) * p, h = index - Math.Floor(index);
            int lo = (int)Math.Floor(index), hi = (int)Math.Ceiling(index);
            return h == 0 || stats[hi] == stats[lo] ? stats[lo] : (1 - h) * stats[lo] + h * stats[hi];
        }
        Assert.Equal(Quantile((1 - level) / 2), ci.Low);
        Assert.Equal(Quantile(1 - (1 - level) / 2), ci.High);
        Assert.NotEqual(ci.Low, ci.High);
    }
}
