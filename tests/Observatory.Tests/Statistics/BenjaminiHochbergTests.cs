using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class BenjaminiHochbergTests
{
    // Benjamini & Hochberg (1995), J. R. Statist. Soc. B 57(1), section 4: the 15 p-values
    // of the thrombolytic-treatment study. At q = 0.05 the procedure rejects the four
    // smallest (Bonferroni only three).
    private static readonly double[] Paper =
    [
        0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
        0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000,
    ];

    // Hand-computed p(i) * 15 / i followed by a running minimum from i = 15 down
    // (what R's p.adjust(p, "BH") returns): e.g. i = 6: min(0.0278*15/6 = 0.0695,
    // 0.0298*15/7 = 0.063857) = 0.063857.
    private static readonly double[] Expected =
    [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645,
        0.0765, 0.486, 0.581181818182, 0.714875, 0.753230769231, 0.813214285714, 1.0,
    ];

    [Fact]
    public void PaperExample_MatchesHandComputedAdjustment()
    {
        var adjusted = BenjaminiHochberg.Adjust(Paper);
        for (int i = 0; i < Paper.Length; i++) Assert.Equal(Expected[i], adjusted[i], 10);
        Assert.Equal(4, adjusted.Count(p => p <= 0.05));
    }

    [Fact]
    public void KeepsInputOrder()
    {
        var order = new[] { 14, 3, 7, 0, 11, 5, 9, 1, 13, 2, 8, 6, 12, 4, 10 };
        var adjusted = BenjaminiHochberg.Adjust(order.Select(i => Paper[i]).ToArray());
        for (int k = 0; k < order.Length; k++) Assert.Equal(Expected[order[k]], adjusted[k], 10);
    }

    [Fact]
    public void NaNStaysNaNAndIsNotCounted()
    {
        // Like R's NA handling: n counts present values only. By hand with n = 2:
        // 0.01 * 2/1 = 0.02, 0.04 * 2/2 = 0.04.
        var adjusted = BenjaminiHochberg.Adjust([0.04, double.NaN, 0.01]);
        Assert.Equal(0.04, adjusted[0], 12);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.02, adjusted[2], 12);
    }

    [Fact]
    public void RejectsValuesOutsideUnitInterval() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BenjaminiHochberg.Adjust([0.5, 1.2]));
}
