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

    public string Span => HasRegion ? "region" : "execute";

    /// <summary>Ok time samples that are not warm-ups, as the headline uses them.</summary>
    public const string Sql = """
        SELECT workload AS Workload, variant AS Variant, engine_id AS EngineId,
               bool_or(region_ns IS NOT NULL) AS HasRegion
        FROM samples
        WHERE run_id = $RunId AND coalesce(metric, 'time') = 'time' AND outcome = 'ok' AND NOT coalesce(warmup, false)
        GROUP BY workload, variant, engine_id
        """;
}
