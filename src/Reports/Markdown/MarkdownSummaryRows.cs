namespace Observatory.Reports.Markdown;

/// <summary>A cell measured in both runs: medians and CIs side by side.</summary>
public sealed record CellChange
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public double Before { get; init; }
    public double BeforeHigh { get; init; }
    public double BeforeLow { get; init; }
    public double After { get; init; }
    public double AfterLow { get; init; }
    public double AfterHigh { get; init; }

    /// <summary>Confidence intervals that do not overlap: a change the run's own noise cannot explain.</summary>
    public bool Significant => AfterLow > BeforeHigh || AfterHigh < BeforeLow;

    public double Change => After / Before - 1;

    public const string Sql = """
        SELECT a.workload AS Workload, a.variant AS Variant, a.engine_id AS EngineId,
               b.median_ns AS Before, coalesce(b.ci_low_ns, b.median_ns) AS BeforeLow, coalesce(b.ci_high_ns, b.median_ns) AS BeforeHigh,
               a.median_ns AS After, coalesce(a.ci_low_ns, a.median_ns) AS AfterLow, coalesce(a.ci_high_ns, a.median_ns) AS AfterHigh
        FROM outcomes a JOIN outcomes b ON b.run_id = $Previous AND b.workload = a.workload AND b.variant = a.variant AND b.engine_id = a.engine_id
        WHERE a.run_id = $Latest AND a.outcome = 'ok' AND b.outcome = 'ok' AND a.median_ns > 0 AND b.median_ns > 0
        """;
}

/// <summary>A failed cell of the latest run and what the same cell did in the previous run.</summary>
public sealed record CellFailure
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Message { get; init; }
    public string? Before { get; init; }

    public const string Sql = """
        SELECT a.workload AS Workload, a.variant AS Variant, a.engine_id AS EngineId, a.outcome AS Outcome, a.message AS Message, b.outcome AS Before
        FROM outcomes a LEFT JOIN outcomes b ON b.run_id = $Previous AND b.workload = a.workload AND b.variant = a.variant AND b.engine_id = a.engine_id
        WHERE a.run_id = $Latest AND a.outcome <> 'ok'
        ORDER BY (b.outcome = 'ok') DESC NULLS LAST, a.workload, a.variant, a.engine_id
        """;
}

/// <summary>An engine's pass rate in the two latest runs of one conformance suite.</summary>
public sealed record ConformanceDelta
{
    public string Suite { get; init; } = "";
    public string Engine { get; init; } = "";
    public long Passed { get; init; }
    public long Failed { get; init; }
    public long? PassedBefore { get; init; }
    public long? FailedBefore { get; init; }

    public const string Sql = """
        WITH ranked AS (
            SELECT run_id, suite, row_number() OVER (PARTITION BY suite ORDER BY started_utc DESC, run_id DESC) AS rn
            FROM conformance_runs WHERE run_id IN (SELECT DISTINCT run_id FROM conformance_summary)),
        rates AS (
            SELECT r.suite, s.engine, r.rn, sum(s.passed)::BIGINT AS passed, sum(s.failed)::BIGINT AS failed
            FROM conformance_summary s JOIN ranked r ON r.run_id = s.run_id AND r.rn <= 2
            GROUP BY ALL)
        SELECT a.suite AS Suite, a.engine AS Engine, a.passed AS Passed, a.failed AS Failed, b.passed AS PassedBefore, b.failed AS FailedBefore
        FROM rates a LEFT JOIN rates b ON b.suite = a.suite AND b.engine = a.engine AND b.rn = 2
        WHERE a.rn = 1
        ORDER BY a.suite, a.engine
        """;
}
