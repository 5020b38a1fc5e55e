namespace Observatory.Reports.Site.Rows;

/// <summary>Which versions and tiers of one engine family each stored run measured: the engine's life over time.</summary>
public sealed record EngineVersionRow
{
    public string Family { get; init; } = "";
    public string RunId { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public string? Label { get; init; }
    public string EngineId { get; init; } = "";
    public string Version { get; init; } = "";
    public string Tier { get; init; } = "";
    public long Ok { get; init; }
    public long Failed { get; init; }

    public const string Sql = """
        SELECT e.family AS Family, r.run_id AS RunId, r.started_utc AS StartedUtc, r.label AS Label, e.engine_id AS EngineId,
               coalesce(e.version, '') AS Version, coalesce(e.tier, '') AS Tier,
               count(o.outcome) FILTER (WHERE o.outcome = 'ok') AS Ok,
               count(o.outcome) FILTER (WHERE o.outcome <> 'ok') AS Failed
        FROM engines e JOIN runs r USING (run_id)
        LEFT JOIN outcomes o ON o.run_id = e.run_id AND o.engine_id = e.engine_id
        WHERE e.family = $Family
        GROUP BY ALL
        ORDER BY r.started_utc DESC, r.run_id DESC, e.engine_id
        """;

    /// <summary>Every family at once (a site's engine pages share one read; group by <see cref="Family"/>).</summary>
    public const string SqlAll = """
        SELECT coalesce(e.family, '') AS Family, r.run_id AS RunId, r.started_utc AS StartedUtc, r.label AS Label, e.engine_id AS EngineId,
               coalesce(e.version, '') AS Version, coalesce(e.tier, '') AS Tier,
               count(o.outcome) FILTER (WHERE o.outcome = 'ok') AS Ok,
               count(o.outcome) FILTER (WHERE o.outcome <> 'ok') AS Failed
        FROM engines e JOIN runs r USING (run_id)
        LEFT JOIN outcomes o ON o.run_id = e.run_id AND o.engine_id = e.engine_id
        GROUP BY ALL
        ORDER BY r.started_utc DESC, r.run_id DESC, e.engine_id
        """;
}
