using Observatory.Core.Runs;

namespace Observatory.Harness.Exporters;

/// <summary>The closing line, "N of M cells ok; run id ...": scripts and tests grep for it, so its wording is fixed.</summary>
public sealed class CellTotalsExporter : IRunExporter
{
    public string Name => "totals";

    public void Export(RunInfo run, TextWriter w)
    {
        var ok = run.Cells.Count(c => c.Outcome == Outcome.Ok);
        w.WriteLine($"{ok} of {run.Cells.Count} cells ok; run id {run.RunId}");
    }
}
