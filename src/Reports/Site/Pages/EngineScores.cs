using System.Globalization;
using Observatory.Core.Statistics;
using Observatory.Reports.Site.Rows;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// An engine's score over a set of workloads: the geometric mean of its ratios to native, with a
/// bootstrap 95% CI that resamples every cell's samples on both sides. Only ratios of like spans
/// count (an execute phase never against native's bench region); failures are counted, not hidden.
/// </summary>
public static class EngineScores
{
    /// <summary>Fewer resamples than the harness's 2000: the overview computes one per engine and family.</summary>
    public const int Resamples = 1000;

    public static ScoreText Score(IReadOnlyList<RatioSamples> pairs)
    {
        if (pairs.Count == 0) return new ScoreText("—", "", "no workload with a comparable native baseline", 0, double.MaxValue);
        var ci = Bootstrap.GeometricMeanOfRatios(pairs, resamples: Resamples);
        // One sample a side in every cell (the main job's engine matrix: one cold and one warm iteration):
        // resampling cannot vary anything, and "1.21-1.21" would read as a tight interval.
        if (pairs.All(p => p.Numerator.Count < 2 && p.Denominator.Count < 2))
            return new ScoreText(Core.Units.TimeText.Ratio(ci.Estimate), "n=1, no\u00a0CI",
                $"geometric mean of {pairs.Count} ratio{(pairs.Count == 1 ? "" : "s")} to native; one sample per cell, so no interval", pairs.Count, ci.Estimate);
        return new ScoreText(Core.Units.TimeText.Ratio(ci.Estimate),
            string.Create(CultureInfo.InvariantCulture, $"{ci.Low:0.00}–{ci.High:0.00}"),
            $"geometric mean of {pairs.Count} ratio{(pairs.Count == 1 ? "" : "s")} to native, 95% bootstrap CI", pairs.Count, ci.Estimate);
    }

    /// <summary>The like-span sample pairs of one engine's ok cells (native's samples as denominator).</summary>
    public static List<RatioSamples> Pairs(IEnumerable<OverviewCell> cells, IReadOnlyDictionary<(string, string, string), HeadlineSamples> samples, string nativeId)
    {
        var pairs = new List<RatioSamples>();
        foreach (var c in cells.Where(c => c.Outcome == "ok"))
        {
            if (!samples.TryGetValue((c.Workload, c.Variant, c.EngineId), out var mine) || !samples.TryGetValue((c.Workload, c.Variant, nativeId), out var native)) continue;
            if (mine.HasRegion != native.HasRegion || mine.IsBurst || mine.Values.Count == 0 || native.Values.Count == 0) continue;
            pairs.Add(new RatioSamples(mine.Values, native.Values));
        }
        return pairs;
    }
}
