using Observatory.Core.Runs;
using Observatory.Core.Statistics;

namespace Observatory.Harness.Running;

/// <summary>
/// Reduces the samples of one cell to its summary: the worst outcome, and for an
/// all-ok cell the median headline time (warm samples when the engine has any, the
/// bench region when the module marks one) with a distribution-free 95% CI, and the
/// ratio to native with a bootstrap CI.
/// </summary>
public static class CellSummarizer
{
    public static IReadOnlyList<Cell> Summarize(IReadOnlyList<Sample> samples, string? nativeEngineId)
    {
        var cells = new List<Cell>();
        var groups = samples.GroupBy(s => (s.Workload, s.Variant, s.Engine)).ToList();
        var natives = groups.Where(g => g.Key.Engine == nativeEngineId)
            .ToDictionary(g => (g.Key.Workload, g.Key.Variant), g => Headline(g.ToList()));
        foreach (var g in groups)
        {
            var list = g.ToList();
            var worst = list.MaxBy(s => s.Outcome.Severity())!;
            if (worst.Outcome != Outcome.Ok)
            {
                cells.Add(new Cell
                {
                    Workload = g.Key.Workload, Variant = g.Key.Variant, Engine = g.Key.Engine,
                    Outcome = worst.Outcome, Samples = list.Count, Message = worst.Message,
                });
                continue;
            }
            var xs = Headline(list);
            var ci = MedianConfidenceInterval.Compute(xs);
            double? ratio = null, rlo = null, rhi = null;
            if (nativeEngineId is not null && natives.TryGetValue((g.Key.Workload, g.Key.Variant), out var nat) && nat.Count > 0)
            {
                var r = Bootstrap.RatioOfMedians(xs, nat);
                ratio = r.Estimate; rlo = r.Low; rhi = r.High;
            }
            cells.Add(new Cell
            {
                Workload = g.Key.Workload, Variant = g.Key.Variant, Engine = g.Key.Engine, Outcome = Outcome.Ok,
                Samples = xs.Count, MedianNs = Descriptive.Median(xs), CiLowNs = ci.Low, CiHighNs = ci.High,
                RatioToNative = ratio, RatioCiLow = rlo, RatioCiHigh = rhi,
                MedianCompileNs = MedianOf(list, s => s.CompileNs),
                MedianInstantiateNs = MedianOf(list, s => s.InstantiateNs),
                Message = list.Select(s => s.Message).FirstOrDefault(m => m is not null),
            });
        }
        return cells;
    }

    /// <summary>Warm samples when the engine produced any (steady state), else every sample.</summary>
    public static List<double> Headline(IReadOnlyList<Sample> list)
    {
        var ok = list.Where(s => s.Outcome == Outcome.Ok && s.HeadlineNs is not null).ToList();
        var warm = ok.Where(s => !s.IsCold).ToList();
        return (warm.Count > 0 ? warm : ok).Select(s => (double)s.HeadlineNs!.Value).ToList();
    }

    private static double? MedianOf(IReadOnlyList<Sample> list, Func<Sample, long?> f)
    {
        var xs = list.Select(f).Where(v => v is not null).Select(v => (double)v!.Value).ToList();
        return xs.Count == 0 ? null : Descriptive.Median(xs);
    }
}
