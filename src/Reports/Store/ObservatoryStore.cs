using System.Text.Json;
using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>
/// The embedded DuckDB database (default results/observatory.duckdb). Ingestion is
/// idempotent (a run id already stored is left alone) and atomic (one transaction),
/// so an interrupted or failing run never loses what is already there.
/// </summary>
public sealed partial class ObservatoryStore : IDisposable
{
    public string Path { get; }
    public DuckDBConnection Connection { get; }

    private ObservatoryStore(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    /// <summary>
    /// Opens the store. An existing file is first inspected on a read-only connection that changes
    /// nothing: an observatory store? a schema this build understands? every block's checksum intact?
    /// Only then is it opened for writing (created, migrated). Read-only opens never create a file.
    /// </summary>
    public static ObservatoryStore Open(string path, bool readOnly = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new StoreException($"database {full} is a directory; --db takes a file such as {System.IO.Path.Combine(full, "observatory.duckdb")}", null, StoreProblem.NotADatabase);
        var exists = File.Exists(full);
        if (!exists && readOnly) throw StoreFailure.Missing(full);
        if (exists)
        {
            var inspected = new ObservatoryStore(full, Connect(full, readOnly: true));
            try
            {
                inspected.Inspect(readOnly);
                StoreVerifier.Verify(inspected.Connection, full);
                if (readOnly) return inspected;
            }
            catch
            {
                inspected.Dispose();
                throw;
            }
            inspected.Dispose();
        }
        else
        {
            try { Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw StoreFailure.Explain(full, e); }
        }
        var store = new ObservatoryStore(full, Connect(full, readOnly: false));
        try
        {
            store.EnsureSchema();
        }
        catch (DuckDBException e)
        {
            store.Dispose();
            throw StoreFailure.Explain(full, e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    /// <summary>
    /// A store that lives in memory, with the current schema and nothing in it: what a history dataset
    /// is read through (its tables become views over Parquet) and how a run is laid out as Parquet files.
    /// <paramref name="description"/> names it in messages, where a file store names its path.
    /// </summary>
    public static ObservatoryStore InMemory(string description)
    {
        var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        var store = new ObservatoryStore(description, conn);
        try
        {
            store.EnsureSchema();
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A second connection to the same open database (DuckDB shares one database instance between
    /// them), so a report can read on several threads at once: a DuckDB connection runs one query at
    /// a time. Disposing it closes only that connection.
    /// </summary>
    public ObservatoryStore Duplicate()
    {
        // DuckDB.NET duplicates only in-memory connections; a file opened again with the same connection
        // string in this process gets the same database instance from its connection cache.
        var inMemory = Connection.DataSource is "" or ":memory:" || Connection.DataSource.StartsWith(":memory:", StringComparison.Ordinal);
        var conn = inMemory ? Connection.Duplicate() : new DuckDBConnection(Connection.ConnectionString);
        try
        {
            if (conn.State != System.Data.ConnectionState.Open) conn.Open();
            return new ObservatoryStore(Path, conn);
        }
        catch
        {
            conn.Dispose();
            throw;
        }
    }

    /// <summary>Reads every table fully (see <see cref="StoreVerifier"/>): what `observatory check` reports.</summary>
    public IReadOnlyList<StoreVerifier.TableCheck> Verify() => StoreVerifier.Verify(Connection, Path);

    private static DuckDBConnection Connect(string full, bool readOnly)
    {
        var conn = new DuckDBConnection($"Data Source={full}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : ""));
        try
        {
            conn.Open();
            return conn;
        }
        catch (Exception e) when (e is DuckDBException or IOException)
        {
            conn.Dispose();
            throw StoreFailure.Explain(full, e);
        }
    }

    /// <summary>Checks, without changing anything, that the file is a store of a schema this build can use.</summary>
    private void Inspect(bool readOnly)
    {
        try
        {
            var tables = Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'");
            var hasVersion = Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'schema_version'") > 0;
            // An empty DuckDB file (no tables) may become a store; one with other tables is someone else's.
            if (!hasVersion && (tables > 0 || readOnly))
                throw new StoreException($"database {Path} is a DuckDB file but not an observatory store (no schema_version table); use --db with a file `observatory run` wrote", null, StoreProblem.NotAStore);
            var version = hasVersion ? Scalar<int?>("SELECT max(version) FROM schema_version") : null;
            if (version > Schema.Version)
                throw new StoreException($"database {Path} has schema version {version}, newer than this observatory understands ({Schema.Version}); it was not modified. Upgrade observatory", null, StoreProblem.Newer);
            if (readOnly && version < Schema.Version)
                throw new StoreException($"database {Path} has schema version {version}; this observatory needs {Schema.Version}. upgrade it in place once with a writing command (`observatory ingest` or `observatory run`)", null, StoreProblem.Other);
        }
        catch (DuckDBException e)
        {
            throw StoreFailure.Explain(Path, e);
        }
    }

    private static string FirstLine(string s) => StoreFailure.FirstLine(s);

    /// <summary>Creates a fresh store's tables, or migrates an older one (its version was checked by <see cref="Inspect"/>).</summary>
    private void EnsureSchema()
    {
        var version = Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'") > 0
            ? Scalar<int?>("SELECT max(version) FROM schema_version") : null;
        if (version > Schema.Version)
            throw new StoreException($"database {Path} has schema version {version}, newer than this observatory understands ({Schema.Version}); it was not modified. Upgrade observatory", null, StoreProblem.Newer);
        foreach (var sql in Schema.Statements) Execute(sql);
        if (version is null)
            Execute($"INSERT INTO schema_version VALUES ({Schema.Version}, now())");
        else if (version < Schema.Version)
            Migrate(version.Value);
        // After any migration, so the views see the current columns; CREATE OR REPLACE keeps them in step with this build.
        foreach (var view in NamedViews.Benchmark) Execute(view.CreateOrReplace);
    }

    /// <summary>Upgrades an older database in place, in one transaction: all steps or none.</summary>
    private void Migrate(int from)
    {
        using var tx = Connection.BeginTransaction();
        try
        {
            foreach (var (to, steps) in Schema.Migrations.Where(m => m.ToVersion > from).OrderBy(m => m.ToVersion))
            {
                foreach (var sql in steps) Execute(sql);
                Execute($"INSERT INTO schema_version VALUES ({to}, now())");
            }
            tx.Commit();
        }
        catch (DuckDBException e)
        {
            TryRollback(tx);
            if (StoreFailure.Explain(Path, e) is { Problem: not StoreProblem.Other } known) throw known;
            throw new StoreException($"database {Path}: upgrading schema {from} to {Schema.Version} failed, nothing was changed: {FirstLine(e.Message)}", e);
        }
    }

    public int SchemaVersion => Scalar<int?>("SELECT max(version) FROM schema_version") ?? 0;

    public bool HasRun(string runId)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM runs WHERE run_id = $id";
        cmd.Parameters.Add(new DuckDBParameter("id", runId));
        return Convert.ToInt64(cmd.ExecuteScalar()) > 0;
    }

    /// <summary>Stores one run; returns false (and changes nothing) when the run id is already stored.</summary>
    public bool Ingest(RunInfo run)
    {
        if (HasRun(run.RunId)) return false;
        RefuseMixing(run);
        using var tx = Connection.BeginTransaction();
        try
        {
            InsertRunRows([run]);
            TableAppenders.AppendSamples(Connection, run.RunId, run.Samples);
            TableAppenders.AppendCells(Connection, run.RunId, run.Cells);
            TableAppenders.AppendSampleRegions(Connection, run.RunId, run.Samples);
            TableAppenders.AppendRegions(Connection, run.RunId, run.Regions);
            UniqueCells.Require(Connection, [run.RunId], _ => null);
            tx.Commit();
            return true;
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

    /// <summary>
    /// The runs' own rows (fingerprint, run, engines, workloads): small, and always from run.json. One
    /// appender per table for all the runs: an appender per run and table cost more than its rows.
    /// </summary>
    private void InsertRunRows(IReadOnlyList<RunInfo> runs)
    {
        foreach (var run in runs.DistinctBy(r => r.Fingerprint.Id)) InsertFingerprint(run);
        using (var a = Connection.CreateAppender("runs"))
        {
            foreach (var run in runs)
                a.CreateRow().AppendValue(run.RunId).AppendValue(run.Label).AppendValue(run.Profile)
                    .AppendValue(run.StartedUtc.UtcDateTime).AppendValue(run.FinishedUtc.UtcDateTime)
                    .AppendValue(run.Fingerprint.Id).AppendValue(run.ObservatoryVersion)
                    .AppendValue(run.Protocol is null ? null : JsonSerializer.Serialize(run.Protocol, RunJson.Options))
                    .AppendValue(run.Protocol?.PinnedCpus).AppendValue(run.Status).AppendValue(run.Synthetic).EndRow();
        }
        using (var a = Connection.CreateAppender("engines"))
        {
            foreach (var run in runs)
                foreach (var e in run.Engines)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(e.Id).AppendValue(e.Family).AppendValue(e.Version)
                        .AppendValue(e.Tier).AppendValue(string.Join(' ', e.Flags)).AppendValue(e.Source)
                        .AppendValue(Core.Engines.EngineStatusNames.ToWire(e.Status)).AppendValue(e.Reason).AppendValue(e.IsNative)
                        .AppendValue(e.Isa).AppendValue(e.Emulated).EndRow();
        }
        using (var a = Connection.CreateAppender("workloads"))
        {
            foreach (var run in runs)
                foreach (var w in run.Workloads)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(w.Name).AppendValue(w.Variant).AppendValue(w.Category)
                        .AppendValue(w.Language).AppendValue(w.WasmSha256).AppendValue(w.NativeSha256).AppendValue(w.WasmBytes)
                        .AppendValue(string.Join(' ', w.Args)).EndRow();
        }
    }

    /// <summary>
    /// Synthetic and measured runs never share a store: a generated history beside real results
    /// would enter their trends, scores and change points. One line says which kind the store holds.
    /// </summary>
    private void RefuseMixing(RunInfo run)
    {
        var other = Scalar<long>($"SELECT count(*) FROM runs WHERE coalesce(synthetic, false) <> {(run.Synthetic ? "true" : "false")}");
        if (other == 0) return;
        throw run.Synthetic
            ? new StoreException($"database {Path} holds measured runs; synthetic run {run.RunId} was not stored (give `synth` and its bundles a --db of their own)", null, StoreProblem.Other)
            : new StoreException($"database {Path} holds a synthetic history; measured run {run.RunId} was not stored (use another --db for real results)", null, StoreProblem.Other);
    }

    /// <summary>True when the store holds generated runs (`observatory synth`): every page then says so.</summary>
    public bool IsSynthetic => Scalar<long>("SELECT count(*) FROM runs WHERE synthetic") > 0;

    /// <summary>A failed commit (full disk) may already have ended the transaction: rolling back is then a no-op, not a second error.</summary>
    private static void TryRollback(System.Data.Common.DbTransaction tx)
    {
        try { tx.Rollback(); }
        catch (Exception e) when (e is DuckDBException or InvalidOperationException) { }
    }

    private void InsertFingerprint(RunInfo run)
    {
        var f = run.Fingerprint;
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = """
            INSERT INTO fingerprints VALUES ($id, $host, $cpu, $flags, $cores, $mem, $kernel, $arch, $os, $virt, $gov, $dotnet, $tc, $vars, $runtimes, $workloads, $pinning)
            ON CONFLICT DO NOTHING
            """;
        cmd.Parameters.Add(new DuckDBParameter("id", f.Id));
        cmd.Parameters.Add(new DuckDBParameter("host", f.Hostname));
        cmd.Parameters.Add(new DuckDBParameter("cpu", f.CpuModel));
        cmd.Parameters.Add(new DuckDBParameter("flags", string.Join(' ', f.CpuFlags)));
        cmd.Parameters.Add(new DuckDBParameter("cores", f.LogicalCores));
        cmd.Parameters.Add(new DuckDBParameter("mem", f.MemoryKb));
        cmd.Parameters.Add(new DuckDBParameter("kernel", f.Kernel));
        cmd.Parameters.Add(new DuckDBParameter("arch", f.Arch));
        cmd.Parameters.Add(new DuckDBParameter("os", f.Os));
        cmd.Parameters.Add(new DuckDBParameter("virt", f.Virtualization));
        cmd.Parameters.Add(new DuckDBParameter("gov", (object?)f.Governor ?? DBNull.Value));
        cmd.Parameters.Add(new DuckDBParameter("dotnet", f.DotnetVersion));
        cmd.Parameters.Add(new DuckDBParameter("tc", JsonSerializer.Serialize(f.Toolchain)));
        cmd.Parameters.Add(new DuckDBParameter("vars", JsonSerializer.Serialize(f.Variables)));
        cmd.Parameters.Add(new DuckDBParameter("runtimes", JsonSerializer.Serialize(f.Runtimes)));
        cmd.Parameters.Add(new DuckDBParameter("workloads", JsonSerializer.Serialize(f.Workloads)));
        cmd.Parameters.Add(new DuckDBParameter("pinning", (object?)f.Pinning ?? DBNull.Value));
        cmd.ExecuteNonQuery();
    }

    public void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public T? Scalar<T>(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        var v = cmd.ExecuteScalar();
        if (v is null or DBNull) return default;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(v, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a query and returns rows as dictionaries (column name to value, DBNull as null).</summary>
    public List<Dictionary<string, object?>> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters) cmd.Parameters.Add(new DuckDBParameter(n, v ?? DBNull.Value));
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : r.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public void Dispose() => Connection.Dispose();
}
