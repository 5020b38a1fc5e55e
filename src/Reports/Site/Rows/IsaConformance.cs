namespace Observatory.Reports.Site.Rows;

/// <summary>
/// A JavaScript engine's spec results per feature from its latest conformance run: the Node builds for every ISA
/// (ids node-VERSION-ISA under emulation) beside the x86_64 ones, so a feature that fails on one ISA only stands out.
/// </summary>
public sealed record IsaConformance
{
    public string Engine { get; init; } = "";
    public string Feature { get; init; } = "";
    public long Total { get; init; }
    public long Passed { get; init; }
    public long Skipped { get; init; }

    public const string Sql = """
        WITH runs AS (
            SELECT DISTINCT s.suite, s.engine, s.run_id, r.started_utc
            FROM conformance_summary s JOIN conformance_runs r USING (run_id)
            WHERE s.suite = 'spec' AND s.engine LIKE 'node-%'
        ), latest AS (
            SELECT suite, engine, run_id FROM runs
            QUALIFY row_number() OVER (PARTITION BY suite, engine ORDER BY started_utc DESC, run_id DESC) = 1
        )
        SELECT s.engine AS Engine, s.feature AS Feature, s.total::BIGINT AS Total, s.passed::BIGINT AS Passed, s.skipped::BIGINT AS Skipped
        FROM conformance_summary s JOIN latest l ON l.suite = s.suite AND l.engine = s.engine AND l.run_id = s.run_id
        ORDER BY s.feature, s.engine
        """;
}
