namespace Observatory.Reports.Site.Rows;

/// <summary>An engine's pass rate in the latest run of one conformance suite (assertions, skipped ones left out).</summary>
public sealed record ConformanceRate
{
    public string Suite { get; init; } = "";
    public string Engine { get; init; } = "";
    public long Passed { get; init; }
    public long Failed { get; init; }

    public double? Rate => Passed + Failed == 0 ? null : (double)Passed / (Passed + Failed);

    public const string Sql = """
        WITH latest AS (
            SELECT run_id, suite, row_number() OVER (PARTITION BY suite ORDER BY started_utc DESC, run_id DESC) AS rn
            FROM conformance_runs)
        SELECT s.suite AS Suite, s.engine AS Engine, sum(s.passed)::BIGINT AS Passed, sum(s.failed)::BIGINT AS Failed
        FROM conformance_summary s JOIN latest l ON l.run_id = s.run_id AND l.rn = 1
        GROUP BY s.suite, s.engine
        ORDER BY s.suite, s.engine
        """;
}
