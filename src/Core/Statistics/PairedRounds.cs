namespace Observatory.Core.Statistics;

/// <summary>One round of an A/B run: the median of base's and of head's samples in that round.</summary>
public sealed record RoundPair(int Round, double Base, double Head)
{
    /// <summary>head / base: 1.03 = head took 3% longer in this round.</summary>
    public double Ratio => Head / Base;
}

/// <summary>
/// Pairs an A/B run's samples by round (A B B A: both engines ran within seconds of each
/// other, so whatever the machine did in that round hit both). Each engine's samples in a
/// round are reduced to their median first (an engine slot may be several processes or
/// iterations); rounds where only one engine has samples are left out.
/// </summary>
public static class PairedRounds
{
    public static IReadOnlyList<RoundPair> Of(IEnumerable<(int Round, double Value)> baseSamples, IEnumerable<(int Round, double Value)> headSamples)
    {
        var b = Medians(baseSamples);
        var h = Medians(headSamples);
        return b.Keys.Where(h.ContainsKey).Order().Select(r => new RoundPair(r, b[r], h[r])).ToList();
    }

    private static Dictionary<int, double> Medians(IEnumerable<(int Round, double Value)> samples) =>
        samples.Where(s => s.Value > 0).GroupBy(s => s.Round)
            .ToDictionary(g => g.Key, g => Descriptive.Median(g.Select(s => s.Value).ToList()));
}
