using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>
/// A run whose sample, outcome and region rows are Parquet files in <see cref="Directory"/>, one per table
/// and named after it (samples.parquet holds rows of samples), already checked to have the table's columns
/// and this run's id; <see cref="Run"/> supplies the run's own rows (fingerprint, engines, workloads).
/// </summary>
public sealed record ParquetRun(RunInfo Run, string Directory)
{
    /// <summary>The tables whose rows the files hold, in the order they are stored.</summary>
    public static readonly string[] Tables = ["samples", "outcomes", "sample_regions", "regions"];

    public string File(string table) => System.IO.Path.Combine(Directory, table + ".parquet");
}
