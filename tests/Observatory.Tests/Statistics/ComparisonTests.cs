using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class ComparisonTests
{
    // 20 base times 99.05 .. 100.95 (spread ±1%).
    private static readonly double[] Base = Enumerable.Range(0, 20).Select(i => 100 + (i - 9.5) * 0.1).ToArray();

    private static double[] Scaled(double factor) => Base.Select(v => v * factor).ToArray();

    [Fact]
    public void TenPercentMoreTime_IsSlower()
    {
        var r = Comparison.Verdict(Base, Scaled(1.10));
        Assert.Equal(Verdict.Slower, r.Verdict);
        Assert.Equal(1.10, r.Ratio, 12);
        // Complete separation: U = 400, exact two-sided p = 2 / C(40, 20) = 2 / 137846528820.
        Assert.Equal(1.0, r.P / (2.0 / 137846528820), 9);
        // Every resampled ratio is at least 108.955 / 100.95 = 1.0793, clear of 1.03.
        Assert.True(r.RatioLow >= 108.955 / 100.95 - 1e-12);
        Assert.StartsWith("slower (+10.0%): 95% CI of the ratio [1.0", r.Reason);
    }

    [Fact]
    public void TenPercentLessTime_IsFaster()
    {
        var r = Comparison.Verdict(Base, Scaled(0.90));
        Assert.Equal(Verdict.Faster, r.Verdict);
        Assert.True(r.RatioHigh <= 100.95 * 0.9 / 99.05 + 1e-12);
    }

    [Fact]
    public void IdenticalSamples_AreSameWithPOfOne()
    {
        var r = Comparison.Verdict(Base, Base);
        Assert.Equal(Verdict.Same, r.Verdict);
        Assert.Equal(1.0, r.Ratio, 12);
        Assert.Equal(1.0, r.P, 12);
        Assert.StartsWith("no significant difference", r.Reason);
    }

    [Fact]
    public void OnePercentShift_IsWithinTheThreshold()
    {
        // Possible ratios lie in [99.05*1.01/100.95, 100.95*1.01/99.05] = [0.991, 1.0294],
        // inside the ±3% band, so the verdict is Same whatever p is.
        var r = Comparison.Verdict(Base, Scaled(1.01));
        Assert.Equal(Verdict.Same, r.Verdict);
        Assert.True(r.RatioLow >= 0.97 && r.RatioHigh <= 1.03);
    }

    [Fact]
    public void AdjustedP_CanOverruleASignificantRawP()
    {
        var r = Comparison.Verdict(Base, Scaled(1.10), adjustedP: 0.2);
        Assert.Equal(Verdict.Same, r.Verdict);
        Assert.Equal(0.2, r.PUsed);
        Assert.Contains("adjusted p = 0.2", r.Reason);
    }

    [Theory]
    [InlineData(1.031, 1.10, 0.049, Verdict.Slower)]
    [InlineData(1.031, 1.10, 0.050, Verdict.Same)]   // p must be strictly below alpha
    [InlineData(1.029, 1.10, 0.001, Verdict.Same)]   // CI reaches into the ±3% band
    [InlineData(0.90, 0.969, 0.001, Verdict.Faster)]
    [InlineData(0.90, 0.971, 0.001, Verdict.Same)]
    [InlineData(0.99, 1.01, 0.001, Verdict.Same)]    // significant but negligible
    public void Decide_RequiresSignificanceAndTheWholeCiBeyondTheThreshold(double low, double high, double p, Verdict expected) =>
        Assert.Equal(expected, Comparison.Decide(low, high, p));

    [Fact]
    public void AdjustAcrossMatrix_AppliesBenjaminiHochbergAndReDecides()
    {
        static ComparisonResult Cell(double p) =>
            new(100, 115, 1.15, 1.10, 1.20, 0.95, p, null, 0.03, 0.05, Verdict.Slower, "raw");
        // By hand, n = 3: 0.04*3/1 = 0.12; 0.5*3/2 = 0.75; 0.6*3/3 = 0.6 -> running min from the top: 0.6, 0.6.
        var adjusted = Comparison.AdjustAcrossMatrix([Cell(0.04), Cell(0.5), Cell(0.6)]);
        Assert.Equal(0.12, adjusted[0].PAdjusted!.Value, 12);
        Assert.Equal(0.6, adjusted[1].PAdjusted!.Value, 12);
        Assert.Equal(0.6, adjusted[2].PAdjusted!.Value, 12);
        Assert.All(adjusted, c => Assert.Equal(Verdict.Same, c.Verdict));
        Assert.Equal(0.04, adjusted[0].P);
    }
}
