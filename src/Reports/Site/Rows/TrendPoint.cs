namespace Observatory.Reports.Site.Rows;

/// <summary>One cell of one run in a workload variant's history, with the fingerprint it was measured under.</summary>
public sealed record TrendPoint
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public string RunId { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public string? Label { get; init; }
    public string FingerprintId { get; init; } = "";
    public string Outcome { get; init; } = "";
    public double? MedianNs { get; init; }
    public double? CiLowNs { get; init; }
    public double? CiHighNs { get; init; }
    /// <summary>complete or interrupted: an interrupted run keeps its page (no dead link) but stays out of the history.</summary>
    public string Status { get; init; } = "complete";

    /// <summary>Every stored cell of every run, all fingerprints: history drops nothing but emulated timings (never a trend).</summary>
    public static readonly string Sql = $"""
        SELECT o.workload AS Workload, o.variant AS Variant, o.engine_id AS EngineId, o.run_id AS RunId,
               r.started_utc AS StartedUtc, r.label AS Label, coalesce(r.fingerprint_id, '') AS FingerprintId,
               o.outcome AS Outcome, o.median_ns AS MedianNs, o.ci_low_ns AS CiLowNs, o.ci_high_ns AS CiHighNs,
               coalesce(r.status, 'complete') AS Status
        FROM outcomes o JOIN runs r USING (run_id)
        WHERE {Store.EmulatedTimings.Excluded("o")}
        ORDER BY o.workload, o.variant, r.started_utc, o.run_id, o.engine_id
        """;
}
