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
        if (fresh.Count > 0) Store(fresh, profile);
        for (var i = 0; i < added.Count; i++) stored(i, added[i]);
        if (refused is not null) RefuseMixing(refused.Run);
    }

    private void Store(IReadOnlyList<ParquetRun> runs, Site.SiteProfile profile)
    {
        if (System.Environment.GetEnvironmentVariable("ING2_NOORDER") == "1") Execute("SET preserve_insertion_order = false");
        if (System.Environment.GetEnvironmentVariable("ING2_CKPT") == "1") Execute("SET checkpoint_threshold = '1TB'");
        if (System.Environment.GetEnvironmentVariable("ING2_DISABLE") is { Length: > 0 } d) Execute($"SET disabled_compression_methods = '{d}'");
        if (System.Environment.GetEnvironmentVariable("ING2_SETTINGS") == "1")
            foreach (var row in Query("SELECT name, value FROM duckdb_settings() WHERE name IN ('threads', 'memory_limit', 'temp_directory', 'checkpoint_threshold', 'preserve_insertion_order', 'wal_autocheckpoint', 'disabled_compression_methods')"))
                Console.Error.WriteLine($"ING2 setting {row["name"]} = {row["value"]}");
        using var tx = Connection.BeginTransaction();
        try
        {
            profile.Measure("store: run rows", () => InsertRunRows([.. runs.Select(r => r.Run)]));
            foreach (var table in ParquetRun.Tables)
            {
                var files = string.Join(", ", runs.Select(r => $"'{r.File(table).Replace("'", "''")}'"));
                profile.Measure($"store: {table}", () => Execute($"INSERT INTO {table} BY NAME SELECT * FROM read_parquet([{files}])"));
            }
            var outcomes = runs.ToDictionary(r => r.Run.RunId, r => r.File("outcomes"), StringComparer.Ordinal);
            profile.Measure("store: unique cells", () => UniqueCells.Require(Connection, [.. outcomes.Keys], id => outcomes[id]));
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
