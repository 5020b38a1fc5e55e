using Observatory.Core.Runs;
using Observatory.Core.Statistics;

namespace Observatory.Harness.Running;

/// <summary>How sampling of one cell went: processes run and why it stopped.</summary>
public sealed record CellProgress(int Processes, string StopReason);

/// <summary>
/// Reduces the samples of one cell to its summary: the worst outcome, and for an
/// all-ok cell the median headline time (warm samples when the engine has any, the
/// bench region when the module marks one) with a distribution-free 95% CI, the same
/// for CPU time and for the cold start (one end-to-end sample per fresh process), the
/// ratio to native with a bootstrap CI, memory, and the instruction count when measured.
/// Warm-up iterations are never part of a statistic.
/// </summary>
public static class CellSummarizer
{
    /// <param name="bursts">
    /// Burst variants (<c>requests = N</c>): natively each request is a fresh process, in a wasm
    /// engine a fresh instance, so the two loops time different things and no ratio is stored.
    /// </param>
    public static IReadOnlyList<Cell> Summarize(IReadOnlyList<Sample> samples, string? nativeEngineId, double ciTarget = 0.02,
        IReadOnlyDictionary<(string Workload, string Variant, string Engine), CellProgress>? progress = null,
        IReadOnlySet<string>? emulatedEngines = null, IReadOnlySet<(string Workload, string Variant)>? bursts = null)
    {
        var cells = new List<Cell>();
        var groups = samples.GroupBy(s => (s.Workload, s.Variant, s.Engine)).ToList();
        var natives = groups.Where(g => g.Key.Engine == nativeEngineId)
            .ToDictionary(g => (g.Key.Workload, g.Key.Variant), g => (Values: Headline(g.ToList()), Span: HeadlineSpan(g.ToList())));
        foreach (var g in groups)
        {
            var list = g.ToList();
            var times = list.Where(s => s.Measure == Measure.Time).ToList();
            var counts = list.Where(s => s.Measure == Measure.Instructions).ToList();
            var p = progress?.GetValueOrDefault(g.Key);
            var processes = p?.Processes ?? times.Select(s => s.Process).Distinct().Count();
            // The cell's outcome is that of its time samples; an instruction pass that failed on an
            // otherwise fine cell is reported in the message, not as a failed cell.
            var decisive = times.Count > 0 ? times : counts;
            var worst = decisive.MaxBy(s => s.Outcome.Severity())!;
            var instructionsFailure = counts.Where(s => s.Outcome != Outcome.Ok).MaxBy(s => s.Outcome.Severity());
            var rss = times.Where(s => s.PeakRssKb is not null).GroupBy(s => s.Process).Select(x => (double)x.First().PeakRssKb!.Value).ToList();
            var common = new Cell
            {
                Workload = g.Key.Workload, Variant = g.Key.Variant, Engine = g.Key.Engine,
                Outcome = worst.Outcome, Samples = decisive.Count, Message = worst.Message,
                StderrTail = worst.StderrTail, OutputDiff = worst.OutputDiff,
                Processes = processes, StopReason = p?.StopReason,
                MedianPeakRssKb = rss.Count == 0 ? null : Descriptive.Median(rss),
                MaxPeakRssKb = rss.Count == 0 ? null : (long)rss.Max(),
                MaxLinearMemoryBytes = list.Max(s => s.LinearMemoryBytes),
            };
            if (worst.Outcome != Outcome.Ok)
            {
                cells.Add(common);
                continue;
            }
            var okCounts = counts.Where(s => s.Outcome == Outcome.Ok && s.Instructions is not null).Select(s => (double)s.Instructions!.Value).ToList();
            var cell = common with
            {
                MedianInstructions = okCounts.Count == 0 ? null : Descriptive.Median(okCounts),
                Message = list.Select(s => s.Message).FirstOrDefault(m => m is not null)
                          ?? (instructionsFailure is null ? null : $"instructions: {instructionsFailure.Outcome.ToWire()}: {instructionsFailure.Message}"),
            };
            var xs = Headline(times);
            if (xs.Count > 0)
            {
                var ci = MedianConfidenceInterval.Compute(xs);
                double? ratio = null, rlo = null, rhi = null;
                // An emulated engine's time is the emulator's, not the ISA's: it never gets a ratio to native.
                // A ratio compares the same span on both sides: an execute phase over native's bench
                // region (runtime CLIs, components) or instance spawns over process spawns (bursts) is not stored.
                if (nativeEngineId is not null && emulatedEngines?.Contains(g.Key.Engine) != true && natives.TryGetValue((g.Key.Workload, g.Key.Variant), out var nat)
                    && nat.Values.Count > 0 && nat.Span == HeadlineSpan(times) && (g.Key.Engine == nativeEngineId || bursts?.Contains((g.Key.Workload, g.Key.Variant)) != true)
                    && xs.All(x => x > 0) && nat.Values.All(x => x > 0))
                {
                    var r = Bootstrap.RatioOfMedians(xs, nat.Values);
                    ratio = r.Estimate; rlo = r.Low; rhi = r.High;
                }
                var cpu = Steady(times, s => s.CpuNs);
                var cpuCi = cpu.Count == 0 ? null : MedianConfidenceInterval.Compute(cpu);
                var cold = times.Where(s => s.IsCold && s.Outcome == Outcome.Ok && s.TotalNs is not null).Select(s => (double)s.TotalNs!.Value).ToList();
                var coldCi = cold.Count == 0 ? null : MedianConfidenceInterval.Compute(cold);
                cell = cell with
                {
                    Samples = xs.Count, MedianNs = ci.Estimate, CiLowNs = ci.Low, CiHighNs = ci.High,
                    CiTargetMet = StopRule.StopSamples(times) is { Count: > 0 } stop && stop.All(x => x > 0) && MedianConfidenceInterval.IsWithin(stop, ciTarget),
                    RatioToNative = ratio, RatioCiLow = rlo, RatioCiHigh = rhi,
                    MedianCompileNs = MedianOf(times, s => s.CompileNs),
                    MedianInstantiateNs = MedianOf(times, s => s.InstantiateNs),
                    MedianCpuNs = cpuCi?.Estimate, CpuCiLowNs = cpuCi?.Low, CpuCiHighNs = cpuCi?.High,
                    ColdTotalMedianNs = coldCi?.Estimate, ColdTotalCiLowNs = coldCi?.Low, ColdTotalCiHighNs = coldCi?.High,
                    ColdExecuteMedianNs = MedianOf(times.Where(s => s.IsCold).ToList(), s => s.ExecuteNs),
                };
            }
            else if (okCounts.Count > 0)
            {
                cell = cell with { Samples = okCounts.Count };
            }
            cells.Add(cell);
        }
        return cells;
    }

    /// <summary>
    /// The headline samples: ok time samples' region (else execute) time, warm ones when
    /// the engine produced any (steady state), else every one (native, cold-only runs).
    /// </summary>
    public static List<double> Headline(IReadOnlyList<Sample> list) => Steady(list, s => s.HeadlineNs);

    /// <summary>Which span the headline samples time: "region" when the module's bench markers were seen, else "execute".</summary>
    public static string HeadlineSpan(IReadOnlyList<Sample> list) =>
        list.Any(s => s.Measure == Measure.Time && s.Outcome == Outcome.Ok && !s.Warmup && s.RegionNs is not null) ? "region" : "execute";

    /// <summary>Values of ok time samples, warm ones when there are any, warm-ups never.</summary>
    public static List<double> Steady(IReadOnlyList<Sample> list, Func<Sample, long?> value)
    {
        var ok = list.Where(s => s.Measure == Measure.Time && s.Outcome == Outcome.Ok && !s.Warmup && value(s) is not null).ToList();
        var warm = ok.Where(s => s.IsWarm).ToList();
        return (warm.Count > 0 ? warm : ok).Select(s => (double)value(s)!.Value).ToList();
    }

    /// <summary>
    /// Per engine, the harness overhead: medians of the noop workload's phases (steady
    /// samples where the engine has warm ones) and its cold end-to-end time.
    /// </summary>
    public static IReadOnlyList<PhaseOverhead> Overheads(IReadOnlyList<Sample> noopSamples)
    {
        var list = new List<PhaseOverhead>();
        foreach (var g in noopSamples.Where(s => s.Measure == Measure.Time).GroupBy(s => s.Engine))
        {
            var xs = g.ToList();
            if (xs.Any(s => s.Outcome != Outcome.Ok)) continue;
            double? M(Func<Sample, long?> f) { var v = Steady(xs, f); return v.Count == 0 ? null : Descriptive.Median(v); }
            var cold = xs.Where(s => s.IsCold && s.TotalNs is not null).Select(s => (double)s.TotalNs!.Value).ToList();
            var rss = xs.Where(s => s.PeakRssKb is not null).GroupBy(s => s.Process).Select(p => (double)p.First().PeakRssKb!.Value).ToList();
            list.Add(new PhaseOverhead
            {
                Engine = g.Key,
                CompileNs = M(s => s.CompileNs),
                InstantiateNs = M(s => s.InstantiateNs),
                ExecuteNs = M(s => s.ExecuteNs),
                RegionNs = M(s => s.RegionNs),
                CpuNs = M(s => s.CpuNs),
                TotalNs = cold.Count == 0 ? null : Descriptive.Median(cold),
                PeakRssKb = rss.Count == 0 ? null : Descriptive.Median(rss),
            });
        }
        return list;
    }

    private static double? MedianOf(IReadOnlyList<Sample> list, Func<Sample, long?> f)
    {
        var xs = list.Where(s => s.Measure == Measure.Time && !s.Warmup).Select(f).Where(v => v is not null).Select(v => (double)v!.Value).ToList();
        return xs.Count == 0 ? null : Descriptive.Median(xs);
    }
}
