namespace Observatory.Reports.Site.Rows;

/// <summary>One engine on one feature in one conformance run: assertions passed and failed (skipped ones apart).</summary>
public sealed record ConformanceCell
{
    public string RunId { get; init; } = "";
    public string Suite { get; init; } = "";
    public string Revision { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public string Engine { get; init; } = "";
    public string Feature { get; init; } = "";
    public long Passed { get; init; }
    public long Failed { get; init; }
    public long Skipped { get; init; }

    /// <summary>Every conformance run that ran (skipped attempts have no rows), all features: the matrix and its history.</summary>
    public const string Sql = """
        SELECT s.run_id AS RunId, s.suite AS Suite, coalesce(s.revision, '') AS Revision, r.started_utc AS StartedUtc,
               s.engine AS Engine, coalesce(s.feature, '') AS Feature,
               sum(s.passed)::BIGINT AS Passed, sum(s.failed)::BIGINT AS Failed, sum(s.skipped)::BIGINT AS Skipped
        FROM conformance_summary s JOIN conformance_runs r USING (run_id)
        GROUP BY ALL
        ORDER BY r.started_utc, s.run_id, s.engine, Feature
        """;
}
