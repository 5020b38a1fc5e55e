using System.Text.Json;
using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// A run bundle, results/runs/RUN-ID/: run.json (the whole run, the unit of exchange)
/// plus samples.parquet, outcomes.parquet, sample_regions.parquet (each bench span) and
/// regions.parquet (per cell and named region) so SQL can read a glob of bundles from
/// many machines without ingesting them.
/// </summary>
public static class RunBundle
{
    public const string RunFile = "run.json";

    public static string Write(RunInfo run, string runsDirectory)
    {
        var dir = Path.Combine(runsDirectory, run.RunId);
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, RunFile + ".tmp");
        File.WriteAllText(tmp, RunJson.Serialize(run));
        File.Move(tmp, Path.Combine(dir, RunFile), overwrite: true);
        WriteParquet(run, dir);
        return dir;
    }

    public static RunInfo Read(string bundleDirectoryOrRunJson)
    {
        var path = Directory.Exists(bundleDirectoryOrRunJson) ? Path.Combine(bundleDirectoryOrRunJson, RunFile) : bundleDirectoryOrRunJson;
        if (!File.Exists(path)) throw new FileNotFoundException($"run bundle file {path} does not exist", path);
        try
        {
            return RunJson.Deserialize<RunInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid run bundle ({e.Message})", e);
        }
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
        Exec(conn, $"COPY samples TO '{Escape(Path.Combine(dir, "samples.parquet"))}' (FORMAT parquet)");
        Exec(conn, $"COPY outcomes TO '{Escape(Path.Combine(dir, "outcomes.parquet"))}' (FORMAT parquet)");
        Exec(conn, $"COPY sample_regions TO '{Escape(Path.Combine(dir, "sample_regions.parquet"))}' (FORMAT parquet)");
        Exec(conn, $"COPY regions TO '{Escape(Path.Combine(dir, "regions.parquet"))}' (FORMAT parquet)");
    }

    private static string Escape(string path) => path.Replace("'", "''");

    private static void Exec(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
