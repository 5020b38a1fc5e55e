using Observatory.Reports.Store;

namespace Observatory.Reports.Site;

/// <summary>The rows a report page shows, read with SQL from the store (DuckDB does the aggregation).</summary>
public sealed record ReportData
{
    public required Dictionary<string, object?> Run { get; init; }
    public required List<Dictionary<string, object?>> Cells { get; init; }
    public required List<Dictionary<string, object?>> Engines { get; init; }
    public required Dictionary<string, object?> Fingerprint { get; init; }
    public required List<Dictionary<string, object?>> Runs { get; init; }
    public required List<Dictionary<string, object?>> Workloads { get; init; }

    /// <summary>Loads the given run (default: the latest one stored), or null when the store holds no run.</summary>
    public static ReportData? Load(ObservatoryStore store, string? runId = null)
    {
        var runs = store.Query("SELECT run_id, label, profile, started_utc, finished_utc, fingerprint_id FROM runs ORDER BY started_utc DESC, run_id DESC");
        if (runs.Count == 0) return null;
        var run = runId is null ? runs[0] : runs.FirstOrDefault(r => (string?)r["run_id"] == runId)
            ?? throw new StoreException($"run '{runId}' is not in {store.Path}");
        var id = (string)run["run_id"]!;
        return new ReportData
        {
            Run = run,
            Runs = runs,
            Cells = store.Query("""
                SELECT o.*, count(s.run_id) FILTER (WHERE s.cold) AS cold_processes,
                       median(s.total_ns) FILTER (WHERE s.cold AND s.outcome = 'ok') AS median_cold_total_ns,
                       max(s.peak_rss_kb) AS peak_rss_kb
                FROM outcomes o
                LEFT JOIN samples s ON s.run_id = o.run_id AND s.workload = o.workload AND s.variant = o.variant
                                   AND s.engine_id = o.engine_id AND coalesce(s.metric, 'time') = 'time'
                WHERE o.run_id = $id
                GROUP BY ALL
                ORDER BY o.workload, o.variant, o.engine_id
                """, ("id", id)),
            Engines = store.Query("SELECT * FROM engines WHERE run_id = $id ORDER BY is_native DESC, engine_id", ("id", id)),
            Fingerprint = store.Query("SELECT * FROM fingerprints WHERE fingerprint_id = $fp", ("fp", run["fingerprint_id"])).FirstOrDefault() ?? [],
            Workloads = store.Query("SELECT * FROM workloads WHERE run_id = $id ORDER BY workload, variant", ("id", id)),
        };
    }
}
