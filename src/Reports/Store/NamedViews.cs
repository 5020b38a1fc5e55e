namespace Observatory.Reports.Store;

/// <summary>A view that makes a common question one line; <see cref="Tables"/> are what it reads.</summary>
public sealed record NamedView(string Name, string Sql, IReadOnlyList<string> Tables)
{
    /// <summary>The statement that (re)creates it in the database, so older files get it on their next write-open.</summary>
    public string CreateOrReplace => $"CREATE OR REPLACE VIEW {Name} AS {Sql}";
}

/// <summary>
/// The named views over the store. The benchmark ones are created with the benchmark schema
/// (<see cref="ObservatoryStore"/>), the conformance one with the conformance tables
/// (<see cref="ConformanceStore"/>). Views are rebuilt on every write-open, never migrated.
/// </summary>
public static class NamedViews
{
    /// <summary>
    /// The complete run started last (ties broken by run id), so "latest" means one run even when two start in
    /// the same tick; an interrupted run is never latest (views are rebuilt after migrations, so status exists).
    /// </summary>
    private const string LatestRunId = "(SELECT run_id FROM runs WHERE coalesce(status, 'complete') <> 'interrupted' ORDER BY started_utc DESC, run_id DESC LIMIT 1)";

    public static readonly NamedView LatestCells = new("latest_cells", $"""
        SELECT o.run_id, r.started_utc, r.label, o.workload, o.variant, o.engine_id, o.outcome, o.samples,
               o.median_ns, o.ci_low_ns, o.ci_high_ns, o.ratio_to_native, o.ratio_ci_low, o.ratio_ci_high, o.message
        FROM outcomes o JOIN runs r USING (run_id)
        WHERE o.run_id = {LatestRunId}
        ORDER BY o.workload, o.variant, o.engine_id
        """, ["outcomes", "runs"]);

    /// <summary>Completed wasm cells only: a native engine's ratio is 1 by definition and a failed cell has none.</summary>
    public static readonly NamedView EngineWorkloadRatios = new("engine_workload_ratios", """
        SELECT o.run_id, r.started_utc, o.workload, o.variant, o.engine_id,
               o.ratio_to_native, o.ratio_ci_low, o.ratio_ci_high
        FROM outcomes o
        JOIN runs r USING (run_id)
        LEFT JOIN engines e USING (run_id, engine_id)
        WHERE o.outcome = 'ok' AND o.ratio_to_native IS NOT NULL AND NOT coalesce(e.is_native, false) AND NOT coalesce(e.emulated, false)
        ORDER BY r.started_utc, o.run_id, o.engine_id, o.workload, o.variant
        """, ["outcomes", "runs", "engines"]);

    /// <summary>Over the cells each engine completed: engines that failed different workloads are averaged over different sets.</summary>
    public static readonly NamedView LatestEngineGeomeans = new("latest_engine_geomeans", $"""
        SELECT run_id, engine_id, count(*) AS cells,
               geomean(ratio_to_native) AS geomean_ratio, min(ratio_to_native) AS min_ratio, max(ratio_to_native) AS max_ratio
        FROM engine_workload_ratios
        WHERE run_id = {LatestRunId}
        GROUP BY run_id, engine_id
        ORDER BY geomean_ratio, engine_id
        """, ["outcomes", "runs", "engines"]);

    /// <summary>
    /// The latest conformance run of each suite that has results (a run that stored no rows, e.g. a
    /// skipped one, does not hide the last real one), per engine and feature, from conformance_summary.
    /// pass % is of the assertions the engine could run, as in the report and `observatory conformance`.
    /// </summary>
    public static readonly NamedView ConformanceByEngineFeature = new("conformance_by_engine_feature", """
        WITH latest AS (
            SELECT run_id FROM conformance_runs
            WHERE run_id IN (SELECT DISTINCT run_id FROM conformance_summary)
            QUALIFY row_number() OVER (PARTITION BY suite ORDER BY started_utc DESC, run_id DESC) = 1
        )
        SELECT s.suite, s.run_id, s.revision, s.engine, s.feature, s.total, s.passed, s.failed, s.skipped,
               round(100 * s.passed::DOUBLE / nullif(s.total - s.skipped, 0), 1) AS pass_pct
        FROM conformance_summary s JOIN latest USING (run_id)
        ORDER BY s.suite, s.engine, s.feature
        """, ["conformance_runs", "conformance_results"]);

    /// <summary>In creation order: a view that reads another comes after it.</summary>
    public static readonly IReadOnlyList<NamedView> Benchmark = [LatestCells, EngineWorkloadRatios, LatestEngineGeomeans];

    public static readonly IReadOnlyList<NamedView> Conformance = [ConformanceByEngineFeature];

    public static readonly IReadOnlyList<NamedView> All = [.. Benchmark, .. Conformance];
}
