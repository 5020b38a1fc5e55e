namespace Observatory.Reports.Site.Rows;

/// <summary>
/// One WASI preview1 test on one engine, from that engine's latest WASI conformance run, with the ISA the engine
/// ran on as stored (conformance_engine_runs.isa; null for runs stored before the column: the page falls back to the id).
/// </summary>
public sealed record IsaWasiResult
{
    public string Engine { get; init; } = "";
    public string? Isa { get; init; }
    public bool Emulated { get; init; }
    public string Test { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Message { get; init; }

    public const string Sql = """
        WITH latest AS (
            SELECT e.run_id, e.engine, e.isa, coalesce(e.emulated, false) AS emulated
            FROM conformance_engine_runs e JOIN conformance_runs r USING (run_id)
            WHERE r.suite = 'wasi' AND coalesce(r.status, 'ran') = 'ran'
            QUALIFY row_number() OVER (PARTITION BY e.engine ORDER BY r.started_utc DESC, r.run_id DESC) = 1
        )
        SELECT l.engine AS Engine, l.isa AS Isa, l.emulated AS Emulated, c.file AS Test, c.outcome AS Outcome, c.message AS Message
        FROM conformance_results c JOIN latest l ON l.run_id = c.run_id AND l.engine = c.engine
        ORDER BY c.file, l.engine
        """;
}
