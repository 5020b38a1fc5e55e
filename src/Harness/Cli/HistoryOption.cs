using System.CommandLine;

namespace Observatory.Harness.Cli;

/// <summary>--history DIR: a Parquet history (machine=*/date=*/RUN-ID/*.parquet) in place of the --db file.</summary>
public static class HistoryOption
{
    public static Option<string?> Create() => CliOptions.Text("--history", "DIR",
        "read the runs from a Parquet history (written by `ingest --history DIR`) through DuckDB's read_parquet, instead of --db");
}
