using System.Text.Json;
using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>
/// The embedded DuckDB database (default results/observatory.duckdb). Ingestion is
/// idempotent (a run id already stored is left alone) and atomic (one transaction),
/// so an interrupted or failing run never loses what is already there.
/// </summary>
public sealed class ObservatoryStore : IDisposable
{
    public string Path { get; }
    public DuckDBConnection Connection { get; }

    private ObservatoryStore(string path, DuckDBConnection connection)
    {
        Path = path;
        Connection = connection;
    }

    public static ObservatoryStore Open(string path, bool readOnly = false)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (readOnly && !File.Exists(full))
            throw new StoreException($"database {full} does not exist yet: run `observatory run` first");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var cs = $"Data Source={full}" + (readOnly ? ";ACCESS_MODE=READ_ONLY" : "");
        var conn = new DuckDBConnection(cs);
        try
        {
            conn.Open();
        }
        catch (Exception e) when (e is DuckDBException or IOException)
        {
            conn.Dispose();
            throw Explain(full, e);
        }
        var store = new ObservatoryStore(full, conn);
        try
        {
            store.EnsureSchema(readOnly);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    private static StoreException Explain(string path, Exception e)
    {
        var m = e.Message;
        if (m.Contains("lock", StringComparison.OrdinalIgnoreCase))
            return new StoreException($"database {path} is locked by another process; wait for it to finish or use --db to pick another file ({FirstLine(m)})", e);
        if (m.Contains("not a valid DuckDB", StringComparison.OrdinalIgnoreCase) || m.Contains("corrupt", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Serialization", StringComparison.OrdinalIgnoreCase) || m.Contains("header", StringComparison.OrdinalIgnoreCase))
            return new StoreException($"database {path} is not a readable DuckDB file (corrupt or another format); it was not modified. Move it aside or use --db ({FirstLine(m)})", e);
        return new StoreException($"cannot open database {path}: {FirstLine(m)}", e);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    private void EnsureSchema(bool readOnly)
    {
        if (!readOnly)
            foreach (var sql in Schema.Statements) Execute(sql);
        else if (Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'") == 0)
            throw new StoreException($"database {Path} is a DuckDB file but not an observatory store (no schema_version table); use --db with a file `observatory run` wrote");
        var version = Scalar<int?>("SELECT max(version) FROM schema_version");
        if (version is null && !readOnly)
        {
            Execute($"INSERT INTO schema_version VALUES ({Schema.Version}, now())");
        }
        else if (version > Schema.Version)
        {
            throw new StoreException($"database {Path} has schema version {version}, newer than this observatory understands ({Schema.Version}); upgrade observatory");
        }
        else if (version < Schema.Version)
        {
            if (readOnly)
                throw new StoreException($"database {Path} has schema version {version}; this observatory needs {Schema.Version}. Open it once for writing (e.g. `observatory compare` or `observatory ingest` without read-only access) to upgrade it in place");
            Migrate(version.Value);
        }
        // After any migration, so the views see the current columns; CREATE OR REPLACE keeps them in step with this build.
        if (!readOnly)
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
            tx.Rollback();
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
        using var tx = Connection.BeginTransaction();
        try
        {
            InsertFingerprint(run);
            using (var a = Connection.CreateAppender("runs"))
            {
                a.CreateRow().AppendValue(run.RunId).AppendValue(run.Label).AppendValue(run.Profile)
                    .AppendValue(run.StartedUtc.UtcDateTime).AppendValue(run.FinishedUtc.UtcDateTime)
                    .AppendValue(run.Fingerprint.Id).AppendValue(run.ObservatoryVersion)
                    .AppendValue(run.Protocol is null ? null : JsonSerializer.Serialize(run.Protocol, RunJson.Options))
                    .AppendValue(run.Protocol?.PinnedCpus).AppendValue(run.Status).EndRow();
            }
            using (var a = Connection.CreateAppender("engines"))
            {
                foreach (var e in run.Engines)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(e.Id).AppendValue(e.Family).AppendValue(e.Version)
                        .AppendValue(e.Tier).AppendValue(string.Join(' ', e.Flags)).AppendValue(e.Source)
                        .AppendValue(Core.Engines.EngineStatusNames.ToWire(e.Status)).AppendValue(e.Reason).AppendValue(e.IsNative).EndRow();
            }
            using (var a = Connection.CreateAppender("workloads"))
            {
                foreach (var w in run.Workloads)
                    a.CreateRow().AppendValue(run.RunId).AppendValue(w.Name).AppendValue(w.Variant).AppendValue(w.Category)
                        .AppendValue(w.Language).AppendValue(w.WasmSha256).AppendValue(w.NativeSha256).AppendValue(w.WasmBytes)
                        .AppendValue(string.Join(' ', w.Args)).EndRow();
            }
            TableAppenders.AppendSamples(Connection, run.RunId, run.Samples);
            TableAppenders.AppendCells(Connection, run.RunId, run.Cells);
            TableAppenders.AppendSampleRegions(Connection, run.RunId, run.Samples);
            TableAppenders.AppendRegions(Connection, run.RunId, run.Regions);
            tx.Commit();
            return true;
        }
        catch
        {
            tx.Rollback();
            throw;
        }
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
