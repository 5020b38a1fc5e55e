using DuckDB.NET.Data;

namespace Observatory.Reports.Store;

/// <summary>
/// Many runs stored in one transaction, their bulk rows loaded by DuckDB itself: one
/// `INSERT ... SELECT FROM read_parquet([every run's file])` per table, read in parallel and never
/// turned into .NET objects (row by row from run.json, JSON parsing and per-row appends dominated).
/// The guarantees of <see cref="Ingest(Core.Runs.RunInfo)"/> hold for each run: one already stored
/// (or listed twice) is left alone, a synthetic run never joins measured ones, and a failure rolls
/// the whole batch back, so nothing stored before it is touched.
/// </summary>
public sealed partial class ObservatoryStore
{
    /// <summary>
    /// Stores the runs in order and calls <paramref name="stored"/> once each, after the commit, with the
    /// run's position in <paramref name="runs"/> (true: stored now; false: already there). A run that would mix synthetic and measured runs stops the
    /// batch there: the runs before it are stored and reported, then its StoreException is thrown.
    /// </summary>
    public void IngestParquet(IReadOnlyList<ParquetRun> runs, Action<int, bool> stored, Site.SiteProfile? profile = null)
    {
        profile ??= new Site.SiteProfile(false);
        var known = RunIds();
        var wasEmpty = known.Count == 0;
        var kind = Scalar<bool?>("SELECT bool_or(coalesce(synthetic, false)) FROM runs");
        var added = new List<bool>();
        ParquetRun? refused = null;
        foreach (var r in runs)
        {
            if (!known.Add(r.Run.RunId))
            {
                added.Add(false);
                continue;
            }
            kind ??= r.Run.Synthetic;
            if (r.Run.Synthetic != kind)
            {
                refused = r;
                break;
            }
            added.Add(true);
        }
        var fresh = runs.Take(added.Count).Where((_, i) => added[i]).ToList();
        if (fresh.Count > 0) Store(fresh, profile, wasEmpty);
        for (var i = 0; i < added.Count; i++) stored(i, added[i]);
        if (refused is not null) RefuseMixing(refused.Run);
    }

    private void Store(IReadOnlyList<ParquetRun> runs, Site.SiteProfile profile, bool wasEmpty)
    {
        // DuckDB then appends the files' rows on every thread as they come instead of merging them back into
        // the files' order: about 30% less CPU for a year of nights. Row order in a table was never a contract
        // (every query that needs one says ORDER BY); only this bulk load runs so, the setting is put back after.
        Execute("SET preserve_insertion_order = false");
        try { StoreUnordered(runs, profile, wasEmpty); }
        finally
        {
            // After a failed commit (full disk) DuckDB may refuse every statement: the error already thrown says why.
            try { Execute("RESET preserve_insertion_order"); }
            catch (DuckDBException) { }
        }
    }

    private void StoreUnordered(IReadOnlyList<ParquetRun> runs, Site.SiteProfile profile, bool wasEmpty)
    {
        using var tx = Connection.BeginTransaction();
        try
        {
            profile.Measure("store: run rows", () => InsertRunRows([.. runs.Select(r => r.Run)]));
            foreach (var table in ParquetRun.Tables)
            {
                // Opening an empty file costs as much as a small full one: a year of nights without bench regions
                // spent a quarter second on 730 files of no rows.
                var withRows = runs.Where(r => r.HasRows(table)).ToList();
                if (withRows.Count == 0) continue;
                var files = string.Join(", ", withRows.Select(r => $"'{r.File(table).Replace("'", "''")}'"));
                profile.Measure($"store: {table}", () => Execute($"INSERT INTO {table} BY NAME SELECT * FROM read_parquet([{files}])"));
            }
            var outcomes = runs.ToDictionary(r => r.Run.RunId, r => r.File("outcomes"), StringComparer.Ordinal);
            // Into an empty store every outcome row is this batch's: no need to pick them out by run id.
            profile.Measure("store: unique cells", () => UniqueCells.Require(Connection, wasEmpty ? null : [.. outcomes.Keys], id => outcomes[id]));
            profile.Measure("store: commit", tx.Commit);
        }
        catch (DuckDBException e)
        {
            TryRollback(tx);
            throw StoreFailure.Explain(Path, e);
        }
        catch
        {
            TryRollback(tx);
            throw;
        }
    }

    private HashSet<string> RunIds()
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT run_id FROM runs";
        using var r = cmd.ExecuteReader();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }
}
