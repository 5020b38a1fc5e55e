using Observatory.Core.Statistics;

namespace Observatory.Tests.Statistics;

/// <summary>Seeded Gaussian test inputs (Box-Muller over SplitMix64), identical on every machine.</summary>
internal static class SyntheticSeries
{
    public static double[] Normal(int count, double mean, double sigma, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            double u1 = 1.0 - rng.NextDouble(); // (0, 1]: log is finite
            double u2 = rng.NextDouble();
            values[i] = mean + sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return values;
    }

    /// <summary>Piecewise-constant levels plus Gaussian noise: levels[k] holds for lengths[k] points.</summary>
    public static double[] Steps(double[] levels, int[] lengths, double sigma, ulong seed)
    {
        var noise = Normal(lengths.Sum(), 0, sigma, seed);
        int i = 0;
        for (int k = 0; k < levels.Length; k++)
        {
            for (int j = 0; j < lengths[k]; j++, i++) noise[i] += levels[k];
        }
        return noise;
    }
}
