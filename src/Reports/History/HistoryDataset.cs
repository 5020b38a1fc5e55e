using DuckDB.NET.Data;
using Observatory.Core.Runs;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Reports.History;

/// <summary>
/// Runs kept as a Parquet dataset partitioned by machine and date (see <see cref="HistoryLayout"/>): what a CI
/// job keeps between nightlies instead of a database file. <see cref="Append"/> files one run, atomically and
/// idempotently; <see cref="Open"/> gives a read-only store whose tables are DuckDB views over
/// <c>read_parquet(..., hive_partitioning = true)</c>, so `report`, `compare` and `alerts` run their usual SQL on it.
/// </summary>
public static class HistoryDataset
{
    /// <summary>
    /// Files one run as one Parquet file per table (the rows the database would hold; run.json is not kept:
    /// it is several times their size and holds nothing more); false (nothing written) when the history already has it. The run is laid out in a
    /// staging directory, every file fsynced, then renamed into place: a run directory that exists is
    /// complete, and of two processes appending the same run at once exactly one rename succeeds.
    /// </summary>
    public static bool Append(RunInfo run, string history)
    {
        var target = HistoryLayout.RunDirectory(history, run);
        if (HistoryLayout.Find(history, run.RunId).Any()) return false;
        var staging = Path.Combine(history, HistoryLayout.StagingDirectory, $"{run.RunId}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            WriteTables(run, staging);
            foreach (var f in Directory.EnumerateFiles(staging)) Durable.Sync(f);
            Durable.SyncDirectory(staging);
            var parent = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(parent);
            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                return false; // another process filed the same run first: same run id, same content
            }
            Durable.SyncDirectory(parent);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DuckDBException)
        {
            throw new IOException($"--history {history}: cannot file run {run.RunId}: {(DiskFull.Is(e) ? DiskFull.Cause : StoreFailure.FirstLine(e.Message))}", e);
        }
        finally
        {
            Durable.TryDelete(staging);
        }
    }

    /// <summary>The run through the store's own ingestion (one layout for both), each table copied out as Parquet.</summary>
    private static void WriteTables(RunInfo run, string directory)
    {
        using var store = ObservatoryStore.InMemory($"run {run.RunId}");
        store.Ingest(run);
        foreach (var t in HistoryLayout.Tables)
            store.Execute($"COPY {t} TO '{RunBundle.Escape(Path.Combine(directory, t + ".parquet"))}' (FORMAT parquet)");
    }

    /// <summary>
    /// The history as a read-only store. Each table becomes a view over its Parquet files with the
    /// store's columns in the store's order (a column older runs lack reads as NULL), so every query
    /// written for the database file runs unchanged. A table no run has yet stays an empty table.
    /// </summary>
    public static ObservatoryStore Open(string history)
    {
        if (!Directory.Exists(history))
            throw new StoreException($"--history {history} does not exist (create it with `observatory ingest --history {history} BUNDLE...`)", null, StoreProblem.Other);
        var store = ObservatoryStore.InMemory($"history {history}");
        try
        {
            store.Execute("SET parquet_metadata_cache = true");
            foreach (var table in HistoryLayout.Tables.Where(t => HistoryLayout.HasFiles(history, t)))
            {
                var view = ViewOver(store, table, HistoryLayout.Glob(history, table));
                store.Execute($"DROP TABLE {table}");
                store.Execute(view);
            }
            return store;
        }
        catch (DuckDBException e)
        {
            store.Dispose();
            throw new StoreException($"--history {history}: cannot read it: {StoreFailure.FirstLine(e.Message)}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static string ViewOver(ObservatoryStore store, string table, string glob)
    {
        var source = $"read_parquet('{RunBundle.Escape(glob)}', hive_partitioning = true, union_by_name = true)";
        var columns = store.Query("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() AND table_name = $t ORDER BY column_index",
            ("t", table)).Select(r => ((string)r["column_name"]!, (string)r["data_type"]!)).ToList();
        var present = store.Query($"DESCRIBE SELECT * FROM {source}").Select(r => (string)r["column_name"]!).ToHashSet(StringComparer.Ordinal);
        var select = string.Join(", ", columns.Select(c => present.Contains(c.Item1) ? $"CAST(\"{c.Item1}\" AS {c.Item2}) AS \"{c.Item1}\"" : $"CAST(NULL AS {c.Item2}) AS \"{c.Item1}\""));
        // A table keyed without run_id (fingerprints: one row per machine state, shared by every run on it) has
        // the same row in each run's files: the view keeps one per key, as the database's primary key does.
        var key = store.Query("""
            SELECT unnest(constraint_column_names) AS c FROM duckdb_constraints()
            WHERE database_name = current_database() AND table_name = $t AND constraint_type = 'PRIMARY KEY'
            """, ("t", table)).Select(r => (string)r["c"]!).ToList();
        var distinct = key.Count > 0 && !key.Contains("run_id") ? $"DISTINCT ON ({string.Join(", ", key.Select(k => $"\"{k}\""))}) " : "";
        return $"CREATE VIEW {table} AS SELECT {distinct}{select} FROM {source}";
    }
}
