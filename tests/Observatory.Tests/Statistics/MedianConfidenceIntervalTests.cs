using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

/// <summary>
/// Reference values are binomial tail sums computed by hand, P(B(n, 1/2) <= k) =
/// sum C(n, i) / 2^n; the resulting ranks agree with the standard tables of
/// order-statistic intervals for the median (e.g. Conover, Practical Nonparametric
/// Statistics, sign-test table; n = 10 -> [x(2), x(9)], n = 20 -> [x(6), x(15)]).
/// </summary>
public class MedianConfidenceIntervalTests
{
    private static double[] Shuffled1To(int n) =>
        Enumerable.Range(1, n).Select(i => (double)(i * 7 % n + 1)).ToArray(); // a permutation when gcd(7, n) = 1

    [Fact]
    public void N10_UsesSecondAndNinthOrderStatistics()
    {
        // P(B(10,.5) <= 1) = (1 + 10)/1024 = 0.0107 -> 2x = 0.0215 <= 0.05;
        // P(B <= 2) = 56/1024 = 0.0547 -> too much. So j = 2, coverage 1 - 22/1024.
        var ci = MedianConfidenceInterval.Compute(Shuffled1To(10));
        Assert.Equal(5.5, ci.Estimate);
        Assert.Equal(2.0, ci.Low);
        Assert.Equal(9.0, ci.High);
        Assert.Equal(1 - 22.0 / 1024, ci.AchievedLevel, 12);
        Assert.True(ci.MeetsLevel);
    }

    [Fact]
    public void N20_UsesSixthAndFifteenthOrderStatistics()
    {
        // P(B(20,.5) <= 5) = (1+20+190+1140+4845+15504)/2^20 = 21700/1048576 = 0.02069;
        // P(B <= 6) adds 38760 -> 0.0577 > 0.025. So j = 6, coverage 1 - 43400/1048576.
        var ci = MedianConfidenceInterval.Compute(Shuffled1To(20));
        Assert.Equal(6.0, ci.Low);
        Assert.Equal(15.0, ci.High);
        Assert.Equal(1 - 43400.0 / 1048576, ci.AchievedLevel, 12);
    }

    [Fact]
    public void N6_IsSmallestSampleReaching95Percent()
    {
        // (min, max) covers with 1 - 2/2^n: n = 6 -> 0.96875 >= 0.95; n = 5 -> 0.9375 < 0.95.
        var six = MedianConfidenceInterval.Compute([3.0, 1, 6, 2, 5, 4]);
        Assert.Equal((1.0, 6.0), (six.Low, six.High));
        Assert.Equal(0.96875, six.AchievedLevel, 12);
        Assert.True(six.MeetsLevel);

        var five = MedianConfidenceInterval.Compute([3.0, 1, 5, 2, 4]);
        Assert.Equal((1.0, 5.0), (five.Low, five.High));
        Assert.Equal(0.9375, five.AchievedLevel, 12);
        Assert.False(five.MeetsLevel);
    }

    [Fact]
    public void N10_At99Percent_WidensToExtremes()
    {
        // 2 * P(B <= 0) = 2/1024 <= 0.01 < 2 * P(B <= 1) = 22/1024, so j = 1.
        var ci = MedianConfidenceInterval.Compute(Shuffled1To(10), 0.99);
        Assert.Equal((1.0, 10.0), (ci.Low, ci.High));
        Assert.Equal(1 - 2.0 / 1024, ci.AchievedLevel, 12);
    }

    [Fact]
    public void LargeN_DoesNotUnderflowAndMatchesNormalApproximation()
    {
        // 2^-2000 underflows a double; the log-space sum must not. Normal approximation
        // with continuity correction: j <= n/2 + 0.5 - 1.96 sqrt(n)/2 = 956.7, so j is 956
        // give or take one (the approximation's error at this n is well under one rank).
        var (rank, achieved) = MedianConfidenceInterval.LowerRank(2000);
        Assert.InRange(rank, 955, 957);
        Assert.InRange(achieved, 0.95, 0.96);
    }

    [Fact]
    public void RelativeHalfWidth_UsesTheWiderSide()
    {
        // n = 10 -> [x(2), x(9)] = [2, 9] around 5.5: max(3.5, 3.5) / 5.5.
        var ci = MedianConfidenceInterval.Compute(Shuffled1To(10));
        Assert.Equal(3.5 / 5.5, ci.RelativeHalfWidth, 12);
        // Asymmetric by construction: [90, 101] around 100 -> max(1, 10) / 100.
        var asym = new ConfidenceInterval(100, 90, 101, 0.95, 0.96);
        Assert.Equal(0.10, asym.RelativeHalfWidth, 12);
    }

    [Fact]
    public void IsWithin_StopsOnlyWhenTightAndAtLevel()
    {
        // 20 values 99.0 .. 100.9: CI [x(6), x(15)] = [99.5, 100.4] around 99.95 -> within ±2%.
        var tight = Enumerable.Range(0, 20).Select(i => 99.0 + i * 0.1).ToArray();
        Assert.True(MedianConfidenceInterval.IsWithin(tight, 0.02));
        Assert.False(MedianConfidenceInterval.IsWithin(tight, 0.002));
        // Five identical values are tight but cannot reach 95%: keep sampling.
        Assert.False(MedianConfidenceInterval.IsWithin([100.0, 100, 100, 100, 100]));
    }
}
