using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class DescriptiveTests
{
    [Fact]
    public void Median_OddAndEvenCounts()
    {
        // R: median(c(3, 1, 2)) = 2; median(c(4, 1, 3, 2)) = 2.5.
        Assert.Equal(2.0, Descriptive.Median([3.0, 1, 2]));
        Assert.Equal(2.5, Descriptive.Median([4.0, 1, 3, 2]));
    }

    [Theory]
    // R: quantile(1:10) -> 0%: 1, 25%: 3.25, 50%: 5.5, 75%: 7.75, 100%: 10 (type 7 default).
    // By hand: h = (n-1)p = 9 * 0.25 = 2.25 -> x[2] + 0.25 (x[3] - x[2]) = 3 + 0.25 (0-based).
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 3.25)]
    [InlineData(0.5, 5.5)]
    [InlineData(0.75, 7.75)]
    [InlineData(1.0, 10.0)]
    public void Quantile_Type7_MatchesR(double p, double expected)
    {
        double[] xs = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
        Assert.Equal(expected, Descriptive.Quantile(xs, p), 12);
    }

    [Fact]
    public void Quantile_Type7_InterpolatesIntoOutlier()
    {
        // By hand: h = 9 * 0.9 = 8.1 -> x[8] + 0.1 (x[9] - x[8]) = 9 + 0.1 * 91 = 18.1.
        double[] xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
        Assert.Equal(18.1, Descriptive.Quantile(xs, 0.9), 12);
    }

    [Fact]
    public void Mad_UsesRConstantAndIgnoresOutlier()
    {
        // By hand (R's mad definition): median = 3, |x - 3| = {2, 1, 0, 1, 97}, median 1,
        // so mad(c(1, 2, 3, 4, 100)) = 1.4826 * 1 = 1.4826 and the raw MAD is 1.
        double[] xs = [1, 2, 3, 4, 100];
        Assert.Equal(1.4826, Descriptive.Mad(xs), 12);
        Assert.Equal(1.0, Descriptive.Mad(xs, scaleToNormal: false), 12);
    }

    [Fact]
    public void GeometricMean_OfPowersOfTwo()
    {
        // By hand: (1 * 2 * 4 * 8)^(1/4) = 64^(1/4) = 2 * sqrt(2).
        Assert.Equal(2 * Math.Sqrt(2), Descriptive.GeometricMean([1.0, 2, 4, 8]), 12);
        // Symmetric under inversion: geomean(2, 1/2) = 1.
        Assert.Equal(1.0, Descriptive.GeometricMean([2.0, 0.5]), 12);
    }

    [Fact]
    public void RejectsEmptyNonFiniteAndNonPositiveInput()
    {
        Assert.Throws<ArgumentException>(() => Descriptive.Median([]));
        Assert.Throws<ArgumentException>(() => Descriptive.Median([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => Descriptive.GeometricMean([1.0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Quantile([1.0], 1.5));
    }
}
