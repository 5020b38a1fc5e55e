using Observatory.Core.Naming;
using Observatory.Core.Runs;

namespace Observatory.Reports.History;

/// <summary>
/// Where a run lives in a history dataset: DIR/machine=M/date=YYYY-MM-DD/RUN-ID/TABLE.parquet (plus its
/// run.json), a Hive layout DuckDB reads with <c>read_parquet(..., hive_partitioning = true)</c>, so a
/// query for one machine or a date range opens only those directories. The path follows from the run
/// alone (machine name, start date, id), which is what makes appending idempotent: one run, one place.
/// </summary>
public static class HistoryLayout
{
    /// <summary>The store's tables a history keeps, one Parquet file each per run.</summary>
    public static readonly string[] Tables = ["fingerprints", "runs", "engines", "workloads", "samples", "outcomes", "sample_regions", "regions"];

    /// <summary>Where appends are assembled before their rename into place (same filesystem; never matched by <see cref="Glob"/>).</summary>
    public const string StagingDirectory = ".staging";

    public static string Machine(RunInfo run) => MachineName(run.Fingerprint.Hostname);

    /// <summary>A hostname (or $OBSERVATORY_MACHINE_ID) as one path segment: characters outside the path rule become '_'.</summary>
    public static string MachineName(string hostname)
    {
        var mapped = string.Concat(hostname.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')).Replace("..", "_.", StringComparison.Ordinal);
        if (mapped.Length == 0 || !char.IsAsciiLetterOrDigit(mapped[0])) mapped = "m" + mapped;
        return PathName.Require("machine name", mapped.Length > 100 ? mapped[..100] : mapped);
    }

    public static string Date(RunInfo run) => run.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string RunDirectory(string history, RunInfo run) =>
        Path.Combine(history, $"machine={Machine(run)}", $"date={Date(run)}", PathName.Require("run id", run.RunId));

    /// <summary>Every stored copy of a run id, wherever it was filed (a machine renamed later still finds its old runs).</summary>
    public static IEnumerable<string> Find(string history, string runId) =>
        !Directory.Exists(history) ? [] :
        Directory.EnumerateDirectories(history, "machine=*")
            .SelectMany(m => Directory.EnumerateDirectories(m, "date=*"))
            .Select(d => Path.Combine(d, runId))
            .Where(Directory.Exists);

    /// <summary>The glob of one table's files, for read_parquet.</summary>
    public static string Glob(string history, string table) => Path.Combine(Path.GetFullPath(history), "machine=*", "date=*", "*", table + ".parquet");

    /// <summary>Whether any run has a file of this table (read_parquet refuses a glob that matches nothing).</summary>
    public static bool HasFiles(string history, string table) =>
        Directory.Exists(history) && Directory.EnumerateDirectories(history, "machine=*")
            .SelectMany(m => Directory.EnumerateDirectories(m, "date=*"))
            .SelectMany(Directory.EnumerateDirectories)
            .Any(r => File.Exists(Path.Combine(r, table + ".parquet")));
}
