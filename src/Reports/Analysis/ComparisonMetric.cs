namespace Observatory.Reports.Analysis;

/// <summary>
/// What a comparison compares, as SQL over the samples table: the value of each sample,
/// which rows count, and whether only steady samples do (warm ones when the cell has
/// any, as in the run's own summary). Instructions are deterministic: they are decided
/// on the ratio alone, without a significance test.
/// </summary>
public sealed record ComparisonMetric(string Name, string Description, string ValueSql, string Measure, bool SteadyOnly, bool ColdOnly, string? OverheadColumn, string? MedianColumn)
{
    public bool IsDeterministic => Measure == "instructions";

    /// <summary>
    /// The default: per cell, instruction counts when both runs have them (`run --measure
    /// instructions`: they do not move with load or drift, so on a shared machine they are the
    /// only metric that met the 5% goal of the sensitivity benchmark); else CPU time when both runs have it for at least 80% of the steady samples, else
    /// wall time. CPU time does not grow while other processes hold the CPU, so on shared
    /// machines it is the steadier of the two; engines that cannot report it still compare.
    /// </summary>
    public static ComparisonMetric Auto { get; } = new("auto", "instructions where both runs counted them, else CPU time of the bench region (else execute phase) where both runs have it, else wall time; warm samples", "", "time", true, false, null, null);
    public static ComparisonMetric Wall { get; } = new("wall", "wall time of the bench region (else the execute phase), warm samples", "coalesce(region_ns, execute_ns)", "time", true, false, "overhead_headline", "median_ns");
    public static ComparisonMetric Cpu { get; } = new("cpu", "CPU time of the bench region (else the execute phase), warm samples", "cpu_ns", "time", true, false, "overhead_cpu_ns", "median_cpu_ns");

    /// <summary>
    /// Each sample divided by the reference engine's time in the same round (samples.normalized):
    /// drift of the machine between runs hits engine and reference alike and cancels.
    /// </summary>
    public static ComparisonMetric Normalized { get; } = new("normalized",
        "time / the reference engine's (native's) time in the same round, warm samples: cancels machine drift between runs",
        "normalized", "time", true, false, null, null);

    public static ComparisonMetric Instructions { get; } = new("instructions", "instructions of the execute phase under callgrind", "instructions", "instructions", false, false, null, "median_instructions");

    public bool IsAuto => Name == "auto";

    public static IReadOnlyList<ComparisonMetric> All { get; } =
    [
        Auto,
        Wall,
        Cpu,
        Normalized,
        Instructions,
        new("total", "cold start: a fresh process end to end", "total_ns", "time", false, true, "overhead_total_ns", "cold_total_median_ns"),
        new("compile", "compile phase", "compile_ns", "time", false, false, "overhead_compile_ns", "median_compile_ns"),
        new("instantiate", "instantiate phase", "instantiate_ns", "time", false, false, "overhead_instantiate_ns", "median_instantiate_ns"),
        new("execute", "execute phase (wall), warm samples", "execute_ns", "time", true, false, "overhead_execute_ns", null),
    ];

    public static ComparisonMetric Parse(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"unknown metric '{name}' (known: {string.Join(", ", All.Select(m => m.Name))})");
}
