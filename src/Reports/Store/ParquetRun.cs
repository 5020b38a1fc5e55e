using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>
/// A run whose sample, outcome and region rows are Parquet files in <see cref="Directory"/>, one per table
/// and named after it (samples.parquet holds rows of samples), already checked to have the table's columns
/// and this run's id; <see cref="Run"/> supplies the run's own rows (fingerprint, engines, workloads).
/// <see cref="EmptyTables"/> names the tables whose file holds no rows (known from its footer): it is not read.
/// </summary>
public sealed record ParquetRun(RunInfo Run, string Directory, IReadOnlySet<string>? EmptyTables = null)
{
    /// <summary>The tables whose rows the files hold, in the order they are stored.</summary>
    public static readonly string[] Tables = ["samples", "outcomes", "sample_regions", "regions"];

    public string File(string table) => System.IO.Path.Combine(Directory, table + ".parquet");

    /// <summary>Whether the table's file has rows to load (a file not known to be empty is read).</summary>
    public bool HasRows(string table) => EmptyTables?.Contains(table) != true;
}
