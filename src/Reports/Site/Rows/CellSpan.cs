namespace Observatory.Reports.Site.Rows;

/// <summary>
/// Which span a cell's headline median measures, read from its samples: the bench region when the
/// engine timed one, else the execute phase (runtime CLIs, components cannot see bench.start/end).
/// </summary>
public sealed record CellSpan
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public bool HasRegion { get; init; }
    /// <summary>A burst variant (its region counts fresh instances): natively those are fresh processes, another span.</summary>
    public bool IsBurst { get; init; }

    public string Span => IsBurst ? "burst" : HasRegion ? "region" : "execute";

    /// <summary>Ok time samples that are not warm-ups, as the headline uses them.</summary>
    public const string Sql = """
        SELECT workload AS Workload, variant AS Variant, engine_id AS EngineId,
               bool_or(region_ns IS NOT NULL) AS HasRegion,
               EXISTS (SELECT 1 FROM regions r WHERE r.run_id = s.run_id AND r.workload = s.workload AND r.variant = s.variant AND r.unit = 'instances') AS IsBurst
        FROM samples s
        WHERE run_id = $RunId AND coalesce(metric, 'time') = 'time' AND outcome = 'ok' AND NOT coalesce(warmup, false)
        GROUP BY run_id, workload, variant, engine_id
        """;
}
