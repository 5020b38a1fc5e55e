using Observatory.Core.Naming;
using System.Text.Json;
using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// A run bundle, RUNS/RUN-ID/: run.json (the whole run, the unit of exchange: all `ingest` needs)
/// plus samples.parquet, outcomes.parquet, sample_regions.parquet (each bench span) and
/// regions.parquet (per cell and named region) so SQL can read a glob of bundles from
/// many machines without ingesting them, and `ingest` can load those rows without parsing
/// them from JSON. Written into a hidden .RUN-ID.partial directory, every file fsynced,
/// then renamed: a bundle directory that exists is complete.
/// </summary>
public static class RunBundle
{
    public const string RunFile = "run.json";

    public static readonly string[] ParquetFiles = ["samples.parquet", "outcomes.parquet", "sample_regions.parquet", "regions.parquet"];

    /// <summary>Writes run.json and the Parquet files; on failure (full disk) nothing is left behind and IOException says why.</summary>
    public static string Write(RunInfo run, string runsDirectory) => WriteBundle(run, runsDirectory, withParquet: true);

    /// <summary>run.json alone: what is kept when the Parquet copies do not fit. `ingest` needs nothing else.</summary>
    public static string WriteRunJsonOnly(RunInfo run, string runsDirectory) => WriteBundle(run, runsDirectory, withParquet: false);

    private static string WriteBundle(RunInfo run, string runsDirectory, bool withParquet)
    {
        // A run id from a bundle someone else wrote becomes a directory name: one rule, and the result stays under runs/.
        var dir = ResultsPaths.EnsureUnder(runsDirectory, Path.Combine(runsDirectory, PathName.Require("run id", run.RunId)));
        var partial = Path.Combine(runsDirectory, "." + run.RunId + ".partial");
        try
        {
            Directory.CreateDirectory(runsDirectory);
            Durable.TryDelete(partial);
            Directory.CreateDirectory(partial);
            Durable.WriteText(Path.Combine(partial, RunFile), BundleJson.Serialize(run));
            if (withParquet)
            {
                WriteParquet(run, partial);
                foreach (var f in ParquetFiles) Durable.Sync(Path.Combine(partial, f));
            }
            Durable.SyncDirectory(partial);
            Durable.TryDelete(dir);
            Directory.Move(partial, dir);
            Durable.SyncDirectory(runsDirectory);
            return dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DuckDBException)
        {
            Durable.TryDelete(partial);
            throw new IOException($"cannot write run bundle {dir}: {Cause(e)}", e);
        }
    }

    private static string Cause(Exception e)
    {
        return Store.DiskFull.Is(e) ? Store.DiskFull.Cause : Store.StoreFailure.FirstLine(e.Message);
    }

    public static RunInfo Read(string bundleDirectoryOrRunJson)
    {
        var path = RunJsonOf(bundleDirectoryOrRunJson);
        return BundleCheck.Validate(path, File.ReadAllText(path));
    }

    /// <summary>
    /// Reads and checks bundles for `ingest`, all before anything is stored. A bundle with all its Parquet
    /// copies in the store's layout is taken from run.json's head and those copies (<see cref="BundleSource.FromParquet"/>);
    /// any other (run.json alone, copies of an older schema) is read whole from run.json, as always.
    /// A malformed bundle is an InvalidDataException naming its file (and field).
    /// </summary>
    public static IReadOnlyList<BundleSource> ReadForIngest(IReadOnlyList<string> bundles, Site.SiteProfile? profile = null)
    {
        profile ??= new Site.SiteProfile(false);
        // In order, so a missing bundle is the first one named, as before.
        var runJsons = bundles.Select(RunJsonOf).ToList();
        var withCopies = runJsons.Select(p => Path.GetDirectoryName(Path.GetFullPath(p))!)
            .Select(dir => ParquetFiles.All(f => File.Exists(Path.Combine(dir, f))) ? dir : null).ToList();
        // The copies' footers are read on another thread while the heads are read (in parallel): one needs
        // nothing of the other. Measured only on a loaded machine so far (load 6: footers 0.84 s beside heads
        // 0.48 s, against 0.48 + 0.26 s one after the other before): worth a quiet re-measurement.
        var ahead = Task.Run(() => profile.Measure("read: Parquet footers ahead", () => ParquetCopies.ReadAhead(withCopies.OfType<string>().ToList())));
        var heads = new BundleHeader?[bundles.Count];
        profile.Measure("read: run.json heads", () =>
            Parallel.For(0, bundles.Count, i => heads[i] = withCopies[i] is null ? null : RunJsonHead.TryRead(runJsons[i])));
        var footers = ahead.GetAwaiter().GetResult();
        var usable = profile.Measure("read: Parquet footers", () => ParquetCopies.Usable(heads.OfType<BundleHeader>().ToList(), footers));
        return bundles.Select((b, i) => heads[i] is { } h && usable.TryGetValue(h, out var empty)
            ? new BundleSource(b, h.Run, h.Directory) { EmptyTables = empty }
            : new BundleSource(b, Read(b), null)).ToList();
    }

    private static string RunJsonOf(string bundleDirectoryOrRunJson)
    {
        var path = Directory.Exists(bundleDirectoryOrRunJson) ? Path.Combine(bundleDirectoryOrRunJson, RunFile) : bundleDirectoryOrRunJson;
        if (!File.Exists(path)) throw new FileNotFoundException($"run bundle file {path} does not exist", path);
        return path;
    }

    private static void WriteParquet(RunInfo run, string dir)
    {
        // An in-memory DuckDB does the Parquet encoding: one engine for files and the store.
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        Exec(conn, Store.Schema.Statements[5].Replace("CREATE TABLE IF NOT EXISTS samples", "CREATE TABLE samples"));
        Exec(conn, Store.Schema.Statements[6].Replace("CREATE TABLE IF NOT EXISTS outcomes", "CREATE TABLE outcomes"));
        Store.TableAppenders.AppendSamples(conn, run.RunId, run.Samples);
        Store.TableAppenders.AppendCells(conn, run.RunId, run.Cells);
        Exec(conn, Store.Schema.SampleRegionsTable);
        Exec(conn, Store.Schema.RegionsTable);
        Store.TableAppenders.AppendSampleRegions(conn, run.RunId, run.Samples);
        Store.TableAppenders.AppendRegions(conn, run.RunId, run.Regions);
        foreach (var f in ParquetFiles)
            Exec(conn, $"COPY {Path.GetFileNameWithoutExtension(f)} TO '{Escape(Path.Combine(dir, f))}' (FORMAT parquet)");
    }

    internal static string Escape(string path) => path.Replace("'", "''");

    private static void Exec(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
