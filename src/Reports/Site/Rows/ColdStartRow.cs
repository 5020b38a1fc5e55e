namespace Observatory.Reports.Site.Rows;

/// <summary>One serverless cell of a run: its cold start split by phase, module size and outcome.</summary>
public sealed record ColdStartRow
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public bool IsNative { get; init; }
    public string Outcome { get; init; } = "";
    public string? Message { get; init; }
    public long? WasmBytes { get; init; }
    public double? CompileNs { get; init; }
    public double? InstantiateNs { get; init; }
    public double? ColdExecuteNs { get; init; }
    public double? ColdTotalNs { get; init; }
    public double? PeakRssKb { get; init; }

    public const string Sql = """
        SELECT o.workload AS Workload, o.variant AS Variant, o.engine_id AS EngineId, coalesce(e.is_native, false) AS IsNative,
               o.outcome AS Outcome, o.message AS Message, w.wasm_bytes AS WasmBytes,
               o.median_compile_ns AS CompileNs, o.median_instantiate_ns AS InstantiateNs, o.cold_execute_median_ns AS ColdExecuteNs,
               o.cold_total_median_ns AS ColdTotalNs, o.median_peak_rss_kb AS PeakRssKb
        FROM outcomes o
        JOIN workloads w ON w.run_id = o.run_id AND w.workload = o.workload AND w.variant = o.variant
        LEFT JOIN engines e ON e.run_id = o.run_id AND e.engine_id = o.engine_id
        WHERE o.run_id = $RunId AND w.category = 'serverless'
        ORDER BY o.workload, o.variant, IsNative DESC, o.cold_total_median_ns NULLS LAST, o.engine_id
        """;
}
