using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// A bundle's run.json as `ingest` reads it when the Parquet copies hold the rows: the run without its
/// samples and cells (<see cref="Run"/>, checked as strictly as the whole file would be) and, when the
/// file had to be read to its end (bundles written before cells and samples came last), how many of
/// each it lists, so the Parquet copies can be held to those counts.
/// </summary>
public sealed record BundleHeader(string RunJson, RunInfo Run, long? Samples, long? Cells)
{
    public string Directory => Path.GetDirectoryName(Path.GetFullPath(RunJson))!;

    public string Parquet(string file) => Path.Combine(Directory, file);
}
