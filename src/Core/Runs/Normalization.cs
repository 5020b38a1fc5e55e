namespace Observatory.Core.Runs;

/// <summary>
/// The drift-cancelling metric: each sample's time divided by the reference engine's
/// (native by default) median time for the same workload variant in the same sampling
/// round. Runs made at different moments on a shared machine differ by 10-40% in
/// absolute time (the host's other load, the VM's clock), but a round takes seconds, so
/// whatever slows the engine also slows the reference measured beside it, and the ratio
/// keeps only what differs between the two: the engine's own speed.
/// <para>
/// Per cell, CPU time is used when the cell and the reference report it for every steady
/// sample of the workload variant (it does not grow while other processes hold the
/// CPU), else wall time of the headline span; both sides always use the same one.
/// The reference's own samples stay null: divided by itself it is 1 by construction.
/// </para>
/// </summary>
public static class Normalization
{
    public static IReadOnlyList<Sample> Apply(IReadOnlyList<Sample> samples, string? referenceEngine)
    {
        if (referenceEngine is null) return samples;
        var timed = samples.Where(Usable).ToList();
        var references = timed.Where(s => s.Engine == referenceEngine).GroupBy(s => (s.Workload, s.Variant))
            .ToDictionary(g => g.Key, g => g.ToList());
        var useCpu = timed.Where(s => s.Engine != referenceEngine).GroupBy(s => (s.Workload, s.Variant, s.Engine))
            .ToDictionary(g => g.Key, g => g.All(s => s.CpuNs is > 0)
                && references.TryGetValue((g.Key.Workload, g.Key.Variant), out var r) && r.All(s => s.CpuNs is > 0));
        var referenceMedians = new Dictionary<(string, string, int, bool), double?>();
        double? ReferenceMedian(string workload, string variant, int round, bool cpu)
        {
            if (referenceMedians.TryGetValue((workload, variant, round, cpu), out var known)) return known;
            double? median = null;
            if (references.TryGetValue((workload, variant), out var all))
            {
                var inRound = all.Where(s => s.Round == round).ToList();
                // A JIT's warm samples are its steady state; native runs one cold iteration per process.
                var steady = inRound.Any(s => s.IsWarm) ? inRound.Where(s => s.IsWarm).ToList() : inRound;
                var values = steady.Select(s => Value(s, cpu)).OfType<long>().Where(v => v > 0).Select(v => (double)v).ToList();
                if (values.Count > 0) median = Statistics.Descriptive.Median(values);
            }
            referenceMedians[(workload, variant, round, cpu)] = median;
            return median;
        }

        return samples.Select(s =>
        {
            if (s.Engine == referenceEngine || !Usable(s) || s.Round is not { } round) return s;
            var cpu = useCpu[(s.Workload, s.Variant, s.Engine)];
            return Value(s, cpu) is { } v && ReferenceMedian(s.Workload, s.Variant, round, cpu) is { } r
                ? s with { Normalized = v / r }
                : s;
        }).ToList();
    }

    /// <summary>Ok time samples with a headline, outside warm-up: the ones a statistic may use.</summary>
    private static bool Usable(Sample s) =>
        s.Measure == Measure.Time && s.Outcome == Outcome.Ok && !s.Warmup && s.HeadlineNs is > 0 && s.Round is not null;

    private static long? Value(Sample s, bool cpu) => cpu ? s.CpuNs : s.HeadlineNs;
}
