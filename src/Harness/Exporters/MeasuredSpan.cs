using Observatory.Core.Runs;

namespace Observatory.Harness.Exporters;

/// <summary>
/// Which span a cell's median measures: the bench region (bench.start..bench.end) when every
/// headline sample timed it, else the execute phase (the engine cannot time the region, or the
/// module marks none). The summary says which, since a ratio across spans means something else.
/// </summary>
public static class MeasuredSpan
{
    public enum Span { Region, Execute }

    public static IReadOnlyDictionary<(string Workload, string Variant, string Engine), Span> Of(RunInfo run) =>
        run.Samples.Where(s => s.Measure == Measure.Time && s.Outcome == Outcome.Ok && s.HeadlineNs is not null)
            .GroupBy(s => (s.Workload, s.Variant, s.Engine))
            .ToDictionary(g => g.Key, g => g.All(s => s.RegionNs is not null) ? Span.Region : Span.Execute);
}
