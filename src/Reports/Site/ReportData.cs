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
    /// <summary>Per cell and named region: median, CI, count and rate (the regions table, schema 3).</summary>
    public List<Dictionary<string, object?>> Regions { get; init; } = [];

    /// <summary>
    /// Loads the given run (default: the latest complete one; an interrupted run only when it is
    /// all there is or is named), or null when the store holds no run.
    /// </summary>
    public static ReportData? Load(ObservatoryStore store, string? runId = null)
    {
        var runs = store.Query("SELECT run_id, label, profile, started_utc, finished_utc, fingerprint_id, json_extract_string(protocol_json, '$.overheadWorkload') AS overhead_workload, coalesce(status, 'complete') AS status FROM runs ORDER BY started_utc DESC, run_id DESC");
        if (runs.Count == 0) return null;
        var run = runId is null ? runs.FirstOrDefault(r => (string?)r["status"] != Core.Runs.RunStatus.Interrupted) ?? runs[0] : runs.FirstOrDefault(r => (string?)r["run_id"] == runId)
            ?? throw new StoreException($"run '{runId}' is not in {store.Path}");
        var id = (string)run["run_id"]!;
        return new ReportData
        {
            Run = run,
            Runs = runs,
            // The cell summaries carry their own cold-start, RSS and overhead figures (computed at run time).
            Cells = store.Query("SELECT * FROM outcomes WHERE run_id = $id ORDER BY workload, variant, engine_id", ("id", id)),
            Engines = store.Query("SELECT * FROM engines WHERE run_id = $id ORDER BY is_native DESC, engine_id", ("id", id)),
            Fingerprint = store.Query("SELECT * FROM fingerprints WHERE fingerprint_id = $fp", ("fp", run["fingerprint_id"])).FirstOrDefault() ?? [],
            Workloads = store.Query("SELECT * FROM workloads WHERE run_id = $id ORDER BY workload, variant", ("id", id)),
            Regions = store.Query("SELECT * FROM regions WHERE run_id = $id ORDER BY workload, variant, region_index, engine_id", ("id", id)),
        };
    }
}
