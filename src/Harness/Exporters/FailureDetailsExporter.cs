using Observatory.Core.Runs;

namespace Observatory.Harness.Exporters;

/// <summary>
/// Below the summary, for each failed cell that has them: the unified diff of its wrong output
/// and the tail of what the guest wrote to stderr (the assertion that failed, the panic message).
/// </summary>
public sealed class FailureDetailsExporter : IRunExporter
{
    /// <summary>Lines of a stderr tail shown here; the store and --json keep the whole ~2 KiB tail.</summary>
    public const int StderrLines = 12;

    public string Name => "failures";

    public void Export(RunInfo run, TextWriter w)
    {
        foreach (var c in run.Cells.Where(c => c.Outcome != Outcome.Ok && (c.OutputDiff ?? c.StderrTail) is not null))
        {
            w.WriteLine();
            w.WriteLine($"{c.Workload}/{c.Variant} on {c.Engine}: {c.Outcome.ToWire()}");
            if (c.OutputDiff is { } diff)
                foreach (var line in diff.Split('\n')) w.WriteLine("  " + line);
            if (c.StderrTail is { } tail)
            {
                var lines = tail.Split('\n');
                w.WriteLine(lines.Length > StderrLines ? $"  guest stderr (last {StderrLines} lines):" : "  guest stderr:");
                foreach (var line in lines.TakeLast(StderrLines)) w.WriteLine("  | " + line);
            }
        }
    }
}
