using Observatory.Core.Runs;
using Observatory.Core.Statistics;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Running;

/// <summary>
/// What the harness knows about a workload variant's regions before it runs: which are declared,
/// and where (null for an ad-hoc module, which has no workload.toml to fix, so no warning).
/// </summary>
public sealed record RegionPlan(string? ManifestPath, IReadOnlyList<RegionDeclaration> Declarations);

/// <summary>
/// Per ok cell and region (each bench.start/bench.end span in call order): the median span over
/// the cell's steady samples with a distribution-free 95% CI, named by the manifest's
/// <c>[[regions]]</c> (extra spans are "region N"), and the rate count / median seconds where the
/// work is counted. A cell whose module marks a single undeclared span has no region rows: that
/// span is already its headline. Differences between the declaration and what modules did come
/// back as warnings, one per workload.toml.
/// </summary>
public static class RegionSummarizer
{
    public sealed record Result(IReadOnlyList<RegionSummary> Regions, IReadOnlyList<string> Warnings);

    public static Result Summarize(
        IReadOnlyList<Sample> samples,
        IReadOnlyList<Cell> cells,
        IReadOnlyDictionary<(string Workload, string Variant), RegionPlan> plans,
        IReadOnlyDictionary<(string Workload, string Variant, string Engine), IReadOnlyDictionary<int, long>> counts)
    {
        var regions = new List<RegionSummary>();
        var warnings = new List<string>();
        var warned = new HashSet<string>();
        var bySample = samples.Where(s => s.Measure == Measure.Time).GroupBy(s => (s.Workload, s.Variant, s.Engine)).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var cell in cells.Where(c => c.Outcome == Outcome.Ok))
        {
            if (!bySample.TryGetValue((cell.Workload, cell.Variant, cell.Engine), out var times)) continue;
            var plan = plans.GetValueOrDefault((cell.Workload, cell.Variant));
            var declared = plan?.Declarations ?? [];
            var spanCounts = times.Where(s => s.Outcome == Outcome.Ok && !s.Warmup && s.RegionsNs is not null).Select(s => s.RegionsNs!.Count).Distinct().Order().ToList();
            if (spanCounts.Count == 0) continue;
            var most = spanCounts[^1];
            if (declared.Count == 0 && most <= 1) continue;
            if (plan?.ManifestPath is not null && (spanCounts.Count > 1 || spanCounts[0] != declared.Count) && warned.Add(plan.ManifestPath))
                warnings.Add($"{plan.ManifestPath}: declares {declared.Count} region(s)" +
                             (declared.Count == 0 ? "" : $" ({string.Join(", ", declared.Select(d => d.Name))})") +
                             $" but {cell.Workload}/{cell.Variant} made {string.Join(" or ", spanCounts)} bench.start/bench.end pair(s) on {cell.Engine}; " +
                             $"extra spans are reported as 'region N', missing ones have no figures: fix [[regions]] in {Path.GetFileName(plan.ManifestPath)}");
            var cellCounts = counts.GetValueOrDefault((cell.Workload, cell.Variant, cell.Engine));
            for (var i = 0; i < most; i++)
            {
                var index = i;
                var xs = CellSummarizer.Steady(times, s => s.RegionsNs is { } r && r.Count > index ? r[index] : null);
                if (xs.Count == 0) continue;
                var ci = MedianConfidenceInterval.Compute(xs);
                var d = i < declared.Count ? declared[i] : null;
                long? count = d?.Count is null ? null : cellCounts?.TryGetValue(i, out var c) == true ? c : d.Count.Literal;
                if (d?.Count is { Pattern: not null } && count is null && plan?.ManifestPath is not null && warned.Add($"{plan.ManifestPath}#{d.Name}"))
                    warnings.Add($"{plan.ManifestPath}:{d.Line}: the count of region '{d.Name}' ({d.Count}) matched nothing in the stdout of {cell.Workload}/{cell.Variant} on {cell.Engine}: no rate for it");
                regions.Add(new RegionSummary
                {
                    Workload = cell.Workload, Variant = cell.Variant, Engine = cell.Engine,
                    Index = i, Name = d?.Name ?? RegionDeclaration.Undeclared(i), Unit = d?.Unit, Count = count, Declared = d is not null,
                    Samples = xs.Count, MedianNs = ci.Estimate, CiLowNs = ci.Low, CiHighNs = ci.High,
                    RatePerSecond = count is { } n && ci.Estimate > 0 ? n / (ci.Estimate / 1e9) : null,
                });
            }
        }
        return new Result(regions, warnings);
    }
}
