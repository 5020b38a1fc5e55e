using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// One bundle as `ingest` stores it. With <see cref="ParquetDirectory"/>, <see cref="Run"/> is run.json
/// without its samples and cells, and the sample, outcome and region rows are the Parquet copies in
/// that directory; without it, <see cref="Run"/> is the whole run and run.json is the only source.
/// </summary>
public sealed record BundleSource(string Path, RunInfo Run, string? ParquetDirectory)
{
    public bool FromParquet => ParquetDirectory is not null;

    /// <summary>The store tables whose Parquet copy holds no rows (none, unless <see cref="FromParquet"/>).</summary>
    public IReadOnlySet<string> EmptyTables { get; init; } = new HashSet<string>();
}
