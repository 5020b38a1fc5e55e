namespace Observatory.Reports.Site.Rows;

/// <summary>
/// Which span a cell's headline median measures, read from its samples: the bench region when the
/// engine timed one, else the execute phase (runtime CLIs, components cannot see bench.start/end);
/// and its median execute time, the span every engine has, for a like-for-like ratio.
/// </summary>
public sealed record CellSpan
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public bool HasRegion { get; init; }
    public double? MedianExecuteNs { get; init; }

    public string Span => HasRegion ? "region" : "execute";

    /// <summary>Steady samples as the headline uses them: ok time samples, no warm-ups, warm iterations when there are any.</summary>
    public const string Sql = """
        SELECT workload AS Workload, variant AS Variant, engine_id AS EngineId,
               bool_or(region_ns IS NOT NULL) AS HasRegion,
               coalesce(median(execute_ns) FILTER (WHERE iteration > 0), median(execute_ns)) AS MedianExecuteNs
        FROM samples
        WHERE run_id = $RunId AND coalesce(metric, 'time') = 'time' AND outcome = 'ok' AND NOT coalesce(warmup, false)
        GROUP BY workload, variant, engine_id
        """;
}
