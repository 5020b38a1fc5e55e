namespace Observatory.Core.Statistics;

/// <summary>
/// Vigna's SplitMix64 generator. The bootstrap owns its generator instead of using
/// <see cref="System.Random"/>, whose algorithm is an implementation detail that has
/// changed between .NET versions: a published CI must be reproducible from its seed
/// forever. Not cryptographic; statistically fine for resampling.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Uniform integer in [0, <paramref name="bound"/>), exactly unbiased (Lemire's
    /// multiply-and-reject), so resampling indices carry no modulo bias.
    /// </summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "Must be positive.");
        ulong range = (ulong)bound;
        ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold) high = Math.BigMul(NextUInt64(), range, out low);
        }
        return (int)high;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
