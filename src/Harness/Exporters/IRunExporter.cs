using Observatory.Core.Runs;

namespace Observatory.Harness.Exporters;

/// <summary>
/// One output of a finished run (the console summary, the wide table, the regions block,
/// JSON): a small consumer of the typed <see cref="RunInfo"/>, as BenchmarkDotNet's exporters
/// are of its Summary. `run` picks which ones print; none of them measures or stores anything.
/// </summary>
public interface IRunExporter
{
    /// <summary>A short name for the output ("summary", "wide", "regions", "json").</summary>
    string Name { get; }

    void Export(RunInfo run, TextWriter w);
}
