namespace Observatory.Reports.Site.Rows;

/// <summary>One engine's phase medians for one workload variant in one run (stored cell summaries).</summary>
public sealed record PhaseRow
{
    public string EngineId { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Message { get; init; }
    public double? CompileNs { get; init; }
    public double? InstantiateNs { get; init; }
    public double? HeadlineNs { get; init; }
    public double? ColdTotalNs { get; init; }
    public double? PeakRssKb { get; init; }

    public const string Sql = """
        SELECT engine_id AS EngineId, outcome AS Outcome, message AS Message, median_compile_ns AS CompileNs,
               median_instantiate_ns AS InstantiateNs, median_ns AS HeadlineNs, cold_total_median_ns AS ColdTotalNs,
               median_peak_rss_kb AS PeakRssKb
        FROM outcomes WHERE run_id = $RunId AND workload = $Workload AND variant = $Variant
        ORDER BY engine_id
        """;
}
