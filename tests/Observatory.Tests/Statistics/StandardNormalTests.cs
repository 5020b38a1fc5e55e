using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class StandardNormalTests
{
    [Theory]
    // Normal tail probabilities Q(z) = P(Z > z) from standard tables (Abramowitz & Stegun,
    // Table 26.1 and 26.2.*): Q(1) = 0.158655253931457, Q(1.959963984540054) = 0.025,
    // Q(3) = 1.349898031630e-3, Q(5) = 2.866515718791e-7, Q(8) = 6.220960574272e-16.
    // Relative tolerance 1e-7: West's Hart approximation is good to ~1e-14 absolute, and
    // its relative error grows into the far tail (about 1e-8 at z = 8, i.e. 5e-24
    // absolute), which is irrelevant for p-values; a wrong coefficient would be far off.
    [InlineData(1.0, 0.158655253931457)]
    [InlineData(1.959963984540054, 0.025)]
    [InlineData(3.0, 1.349898031630e-3)]
    [InlineData(5.0, 2.866515718791e-7)]
    [InlineData(8.0, 6.220960574272e-16)]
    public void UpperTail_MatchesTables(double z, double expected)
    {
        Assert.Equal(1.0, StandardNormal.UpperTail(z) / expected, 7);
        Assert.Equal(1.0, StandardNormal.Cdf(-z) / expected, 7);
        Assert.Equal(1 - expected, StandardNormal.Cdf(z), 14);
    }

    [Fact]
    public void Cdf_AtZeroIsHalf() => Assert.Equal(0.5, StandardNormal.Cdf(0), 15);
}
