using Observatory.Reports.Site.Rows;
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
    /// <summary>Per cell: which span its headline measures (see <see cref="NativeRatio"/>).</summary>
    public List<Rows.CellSpan> Spans { get; init; } = [];

    /// <summary>The cell's ratio to native over the same span on both sides, or null without a native baseline.</summary>
    public NativeRatio? RatioFor(Dictionary<string, object?> cell)
    {
        var (w, v, e) = ((string)cell["workload"]!, (string)cell["variant"]!, (string)cell["engine_id"]!);
        var native = Engines.FirstOrDefault(x => x["is_native"] is true)?["engine_id"] as string;
        var mine = SpanAt(w, v, e);
        var theirs = native is null ? null : SpanAt(w, v, native);
        return NativeRatio.For(D(cell["ratio_to_native"]), D(cell["ratio_ci_low"]), D(cell["ratio_ci_high"]), mine, theirs);
    }

    /// <summary>The stored cell of one workload variant on one engine, or null when the run has none.</summary>
    public Dictionary<string, object?>? CellAt(string workload, string variant, string engineId) =>
        LazyInitializer.EnsureInitialized(ref cellIndex, () => Index(Cells, c => ((string)c["workload"]!, (string)c["variant"]!, (string)c["engine_id"]!)))
            .GetValueOrDefault((workload, variant, engineId));

    /// <summary>Which span the cell's headline measures, or null without samples.</summary>
    public CellSpan? SpanAt(string workload, string variant, string engineId) =>
        LazyInitializer.EnsureInitialized(ref spanIndex, () => Index(Spans, s => (s.Workload, s.Variant, s.EngineId)))
            .GetValueOrDefault((workload, variant, engineId));

    // Pages look cells up by key for every cell of a 30-engine x 40-variant matrix: scanning the
    // lists each time made a run page quadratic. Built on first use (one data set serves pages on
    // several threads: EnsureInitialized publishes one index); the first row of a key wins, as a scan would.
    private Dictionary<(string, string, string), Dictionary<string, object?>>? cellIndex;
    private Dictionary<(string, string, string), CellSpan>? spanIndex;

    private static Dictionary<(string, string, string), T> Index<T>(IEnumerable<T> rows, Func<T, (string, string, string)> key)
    {
        var index = new Dictionary<(string, string, string), T>();
        foreach (var r in rows) index.TryAdd(key(r), r);
        return index;
    }

    private static double? D(object? v) => v is null ? null : Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture);

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
            Spans = store.Rows<Rows.CellSpan>(Rows.CellSpan.Sql, new { RunId = id }),
        };
    }
}
