using Observatory.Core.Statistics;
using Xunit;

namespace Observatory.Tests.Statistics;

public class HodgesLehmannTests
{
    [Fact]
    public void HollanderWolfePermeabilityData_ShiftIs0305()
    {
        // Hollander & Wolfe (1973) permeability data (R's ?wilcox.test example). The 50
        // differences x_i - y_j, sorted, have 25th and 26th values 0.30 and 0.31 (by hand),
        // so the estimate is 0.305, R's "difference in location" for these data.
        double[] x = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
        double[] y = [1.15, 0.88, 0.90, 0.74, 1.21];
        Assert.Equal(0.305, HodgesLehmann.Shift(x, y), 12);
        Assert.Equal(-0.305, HodgesLehmann.Shift(y, x), 12);
    }

    [Fact]
    public void Ratio_IsMedianOfPairwiseRatios()
    {
        // By hand: x/y over {2,4,8} x {1,2,4} = {2,1,.5, 4,2,1, 8,4,2}; sorted
        // .5,1,1,2,2,2,4,4,8 -> median 2.
        Assert.Equal(2.0, HodgesLehmann.Ratio([2.0, 4, 8], [1.0, 2, 4]), 12);
    }

    [Fact]
    public void Ratio_OfScaledSample_RecoversTheScale()
    {
        // ln(c x_i) - ln(x_j) = ln c + (ln x_i - ln x_j); the second term is antisymmetric
        // with zeros on the diagonal, so its median is 0 and the estimate is exactly c.
        double[] x = [10, 11, 13, 9, 12, 10.5];
        Assert.Equal(1.1, HodgesLehmann.Ratio(x.Select(v => v * 1.1).ToArray(), x), 12);
    }
}
