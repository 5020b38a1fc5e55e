using DuckDB.NET.Data;

namespace Observatory.Reports.Store;

/// <summary>One directive's result on one engine, as stored (outcomes and bit patterns as text).</summary>
public sealed record ConformanceRow
{
    public required string File { get; init; }
    public required int Line { get; init; }
    public required string Directive { get; init; }
    public required string Feature { get; init; }
    public required string Engine { get; init; }
    public required string Outcome { get; init; }
    public required bool IsAssertion { get; init; }
    public string? Expected { get; init; }
    public string? Actual { get; init; }
    public string? Message { get; init; }
    public string? MessageMatch { get; init; }
}

/// <summary>One failed result of a stored conformance run, as `conformance --list-failures` prints it.</summary>
public sealed record ConformanceFailure
{
    public string RunId { get; init; } = "";
    public string Suite { get; init; } = "";
    public string Engine { get; init; } = "";
    public string Feature { get; init; } = "";
    public string File { get; init; } = "";
    public int Line { get; init; }
    public string Directive { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Expected { get; init; }
    public string? Actual { get; init; }
    public string? Message { get; init; }
}

/// <summary>
/// How one engine did on one conformance run, for the speed figures, and where it ran: its instruction set and
/// whether under emulation (null for runs stored before the column: the machine's own ISA, see its fingerprint).
/// </summary>
public sealed record ConformanceEngineRun(string Engine, string Version, double WallSeconds, int Files, int Assertions, string? Isa = null, bool Emulated = false);

/// <summary>One conformance run: a suite at a revision, on some engines.</summary>
public sealed record ConformanceRun
{
    public required string RunId { get; init; }
    public required string Suite { get; init; }
    public required string SuiteRoot { get; init; }
    public required string Revision { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required DateTime FinishedUtc { get; init; }
    public required IReadOnlyList<ConformanceEngineRun> Engines { get; init; }
    public required IReadOnlyList<ConformanceRow> Rows { get; init; }
    /// <summary>ran, or skipped (the suite could not be had: no rows, <see cref="Reason"/> says why and how to get it).</summary>
    public string Status { get; init; } = "ran";
    public string? Reason { get; init; }
}

/// <summary>
/// The conformance tables, beside the benchmark schema in the same DuckDB file:
/// conformance_runs (status ran or skipped, with the reason), conformance_engine_runs, conformance_results (one row per directive
/// per engine), the view conformance_summary (per run, engine and feature: total, passed) and
/// conformance_by_engine_feature (the same for the latest run of each suite, with pass %),
/// and the differential check over benchmark samples, differential_outputs (a workload
/// whose stdout hash differs between engines in one run is flagged).
/// </summary>
public static class ConformanceStore
{
    /// <summary>
    /// Per run, engine and feature, over every directive (a module that fails to instantiate is a
    /// failure as an assertion is): total, passed, failed (fail, error, timeout, crash), skipped
    /// (unsupported, not-applicable), and how many of them are assertions, module directives
    /// (module, module instance, register) and bare actions (invoke, get), with their failures.
    /// </summary>
    public const string SummarySql = """
        SELECT run_id, suite, revision, engine, feature,
               count(*) AS total,
               count(*) FILTER (WHERE outcome = 'pass') AS passed,
               count(*) FILTER (WHERE outcome IN ('fail', 'error', 'timeout', 'crash')) AS failed,
               count(*) FILTER (WHERE outcome IN ('unsupported', 'not-applicable')) AS skipped,
               count(*) FILTER (WHERE is_assertion) AS assertions,
               count(*) FILTER (WHERE is_assertion AND outcome IN ('fail', 'error', 'timeout', 'crash')) AS assertions_failed,
               count(*) FILTER (WHERE NOT is_assertion AND directive NOT IN ('invoke', 'get')) AS modules,
               count(*) FILTER (WHERE NOT is_assertion AND directive NOT IN ('invoke', 'get') AND outcome IN ('fail', 'error', 'timeout', 'crash')) AS modules_failed,
               count(*) FILTER (WHERE NOT is_assertion AND directive IN ('invoke', 'get')) AS actions,
               count(*) FILTER (WHERE NOT is_assertion AND directive IN ('invoke', 'get') AND outcome IN ('fail', 'error', 'timeout', 'crash')) AS actions_failed
        FROM conformance_results
        GROUP BY run_id, suite, revision, engine, feature
        """;

    /// <summary>The results that failed (fail, error, timeout, crash) in the latest conformance run that ran, of one suite or any.</summary>
    public const string LatestFailuresSql = """
        WITH latest AS (
            SELECT run_id, suite FROM conformance_runs
            WHERE coalesce(status, 'ran') = 'ran' AND (CAST($Suite AS VARCHAR) IS NULL OR suite = $Suite)
            ORDER BY started_utc DESC, run_id DESC LIMIT 1)
        SELECT r.run_id AS RunId, r.suite AS Suite, r.engine AS Engine, coalesce(r.feature, '') AS Feature, r.file AS File, coalesce(r.line, 0) AS Line,
               r.directive AS Directive, r.outcome AS Outcome, r.expected AS Expected, r.actual AS Actual, r.message AS Message
        FROM conformance_results r JOIN latest USING (run_id)
        WHERE r.outcome IN ('fail', 'error', 'timeout', 'crash')
        ORDER BY r.engine, r.file, r.line
        """;

    /// <summary>Per benchmark run and workload variant: distinct stdout hashes over completed samples; differs = engines disagree.</summary>
    public const string DifferentialSql = """
        SELECT run_id, workload, variant,
               count(DISTINCT stdout_sha256) AS distinct_outputs,
               count(DISTINCT stdout_sha256) > 1 AS differs,
               string_agg(DISTINCT engine_id || '=' || left(stdout_sha256, 12), ', ' ORDER BY engine_id || '=' || left(stdout_sha256, 12)) AS outputs
        FROM samples
        WHERE outcome IN ('ok', 'wrong-output') AND stdout_sha256 IS NOT NULL
        GROUP BY run_id, workload, variant
        """;

    internal static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS conformance_runs (
            run_id VARCHAR PRIMARY KEY, suite VARCHAR NOT NULL, suite_root VARCHAR, revision VARCHAR,
            started_utc TIMESTAMP, finished_utc TIMESTAMP
        )
        """,
        // Added after the first release of the table: at the end, so fresh and migrated files share one column order.
        "ALTER TABLE conformance_runs ADD COLUMN IF NOT EXISTS status VARCHAR DEFAULT 'ran'",
        "ALTER TABLE conformance_runs ADD COLUMN IF NOT EXISTS reason VARCHAR",
        """
        CREATE TABLE IF NOT EXISTS conformance_engine_runs (
            run_id VARCHAR, engine VARCHAR, version VARCHAR, wall_seconds DOUBLE, files INTEGER, assertions INTEGER,
            PRIMARY KEY (run_id, engine)
        )
        """,
        // Where each engine ran (WASI and spec results per ISA): at the end, as above.
        "ALTER TABLE conformance_engine_runs ADD COLUMN IF NOT EXISTS isa VARCHAR",
        "ALTER TABLE conformance_engine_runs ADD COLUMN IF NOT EXISTS emulated BOOLEAN DEFAULT false",
        """
        CREATE TABLE IF NOT EXISTS conformance_results (
            run_id VARCHAR NOT NULL, suite VARCHAR NOT NULL, revision VARCHAR, file VARCHAR NOT NULL, line INTEGER,
            directive VARCHAR, feature VARCHAR, engine VARCHAR NOT NULL, outcome VARCHAR NOT NULL, is_assertion BOOLEAN,
            expected VARCHAR, actual VARCHAR, message VARCHAR, message_match VARCHAR
        )
        """,
        "CREATE OR REPLACE VIEW conformance_summary AS " + SummarySql,
        "CREATE OR REPLACE VIEW differential_outputs AS " + DifferentialSql,
        .. NamedViews.Conformance.Select(v => v.CreateOrReplace),
    ];

    /// <summary>The failures of the latest conformance run that ran (of <paramref name="suite"/>, or of any suite), by engine, file and line.</summary>
    public static List<ConformanceFailure> LatestFailures(ObservatoryStore store, string? suite) =>
        Dapper.SqlMapper.Query<ConformanceFailure>(store.Connection, LatestFailuresSql, new { Suite = suite }).ToList();

    /// <summary>
    /// The failures of one conformance run (assertions and module directives alike), at most
    /// <paramref name="limitPerEngine"/> per engine, in file order.
    /// </summary>
    public static List<ConformanceFailure> Failures(ObservatoryStore store, string runId, int limitPerEngine) =>
        Dapper.SqlMapper.Query<ConformanceFailure>(store.Connection, """
            SELECT RunId, Suite, Engine, Feature, File, Line, Directive, Outcome, Expected, Actual, Message FROM (
                SELECT run_id AS RunId, suite AS Suite, engine AS Engine, coalesce(feature, '') AS Feature, file AS File,
                       coalesce(line, 0) AS Line, coalesce(directive, '') AS Directive, outcome AS Outcome,
                       expected AS Expected, actual AS Actual, message AS Message,
                       row_number() OVER (PARTITION BY engine ORDER BY file, line) AS n
                FROM conformance_results
                WHERE run_id = $RunId AND outcome IN ('fail', 'error', 'timeout', 'crash'))
            WHERE n <= $Limit
            ORDER BY Engine, File, Line
            """, new { RunId = runId, Limit = limitPerEngine }).ToList();

    /// <summary>The latest conformance run that ran (of <paramref name="suite"/>, or of any suite): its id and suite, or null when none is stored.</summary>
    public static (string RunId, string Suite)? LatestRun(ObservatoryStore store, string? suite)
    {
        var rows = store.Query("""
            SELECT run_id, suite FROM conformance_runs
            WHERE coalesce(status, 'ran') = 'ran' AND (CAST($s AS VARCHAR) IS NULL OR suite = $s)
            ORDER BY started_utc DESC, run_id DESC LIMIT 1
            """, ("s", suite));
        return rows.Count == 0 ? null : ((string)rows[0]["run_id"]!, (string)rows[0]["suite"]!);
    }

    /// <summary>Creates the conformance tables and views if missing (the benchmark schema must exist: open the store first).</summary>
    public static void EnsureSchema(ObservatoryStore store)
    {
        foreach (var s in Statements) store.Execute(s);
    }

    /// <summary>Stores one run in one transaction, through DuckDB's appender.</summary>
    public static void Ingest(ObservatoryStore store, ConformanceRun run)
    {
        EnsureSchema(store);
        var conn = store.Connection;
        using var tx = conn.BeginTransaction();
        try
        {
            using (var a = conn.CreateAppender("conformance_runs"))
                a.CreateRow().AppendValue(run.RunId).AppendValue(run.Suite).AppendValue(run.SuiteRoot).AppendValue(run.Revision)
                    .AppendValue(run.StartedUtc).AppendValue(run.FinishedUtc).AppendValue(run.Status).AppendValue(run.Reason).EndRow();
            using (var a = conn.CreateAppender("conformance_engine_runs"))
                foreach (var e in run.Engines)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(e.Engine).AppendValue(e.Version).AppendValue(e.WallSeconds)
                        .AppendValue(e.Files).AppendValue(e.Assertions).AppendValue(e.Isa).AppendValue(e.Emulated).EndRow();
            using (var a = conn.CreateAppender("conformance_results"))
                foreach (var r in run.Rows)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(run.Suite).AppendValue(run.Revision).AppendValue(r.File)
                        .AppendValue(r.Line).AppendValue(r.Directive).AppendValue(r.Feature).AppendValue(r.Engine).AppendValue(r.Outcome)
                        .AppendValue(r.IsAssertion).AppendValue(r.Expected).AppendValue(r.Actual).AppendValue(r.Message)
                        .AppendValue(r.MessageMatch).EndRow();
            tx.Commit();
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }
}
