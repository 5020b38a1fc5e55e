namespace Observatory.Reports.Site.Rows;

/// <summary>
/// One cell's headline samples (the bench region, else the execute phase) as the harness ranks them:
/// ok time samples, never warm-ups, the warm iterations when the cell has any. Resampled for the
/// bootstrap CIs of the overview's geometric means.
/// </summary>
public sealed record HeadlineSamples
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public bool HasRegion { get; init; }
    /// <summary>A burst variant: fresh instances here, fresh processes natively, so never ranked against native.</summary>
    public bool IsBurst { get; init; }
    public List<double> Values { get; init; } = [];

    public const string Sql = """
        SELECT workload AS Workload, variant AS Variant, engine_id AS EngineId,
               bool_or(region_ns IS NOT NULL) AS HasRegion,
               EXISTS (SELECT 1 FROM regions r WHERE r.run_id = s.run_id AND r.workload = s.workload AND r.variant = s.variant AND r.unit = 'instances') AS IsBurst,
               CASE WHEN count(*) FILTER (WHERE iteration > 0) > 0
                    THEN list(coalesce(region_ns, execute_ns)::DOUBLE) FILTER (WHERE iteration > 0)
                    ELSE list(coalesce(region_ns, execute_ns)::DOUBLE) END AS Values
        FROM samples s
        WHERE run_id = $RunId AND coalesce(metric, 'time') = 'time' AND outcome = 'ok' AND NOT coalesce(warmup, false)
              AND coalesce(region_ns, execute_ns) > 0
        GROUP BY run_id, workload, variant, engine_id
        """;
}
