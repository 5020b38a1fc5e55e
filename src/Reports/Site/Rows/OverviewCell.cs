namespace Observatory.Reports.Site.Rows;

/// <summary>One workload variant on one engine in the overview's run: outcome, category and the stored median and ratio.</summary>
public sealed record OverviewCell
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public string Family { get; init; } = "";
    public bool IsNative { get; init; }
    public string Category { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Message { get; init; }
    public double? MedianNs { get; init; }
    public double? RatioToNative { get; init; }
    /// <summary>A failed cell's guest stderr tail and wrong output's diff (schema 6).</summary>
    public string? StderrTail { get; init; }
    public string? OutputDiff { get; init; }

    /// <summary>Emulated engines are left out: their timings are not performance data (the architecture page shows them).</summary>
    public static readonly string Sql = $"""
        SELECT o.workload AS Workload, o.variant AS Variant, o.engine_id AS EngineId,
               coalesce(e.family, o.engine_id) AS Family, coalesce(e.is_native, false) AS IsNative,
               coalesce(w.category, 'other') AS Category, o.outcome AS Outcome, o.message AS Message,
               o.median_ns AS MedianNs, o.ratio_to_native AS RatioToNative,
               o.stderr_tail AS StderrTail, o.output_diff AS OutputDiff
        FROM outcomes o
        LEFT JOIN engines e ON e.run_id = o.run_id AND e.engine_id = o.engine_id
        LEFT JOIN workloads w ON w.run_id = o.run_id AND w.workload = o.workload AND w.variant = o.variant
        WHERE o.run_id = $RunId AND o.workload <> coalesce($Probe, '') AND {Store.EmulatedTimings.Excluded("o")}
        ORDER BY Category, Workload, Variant, IsNative DESC, EngineId
        """;
}
