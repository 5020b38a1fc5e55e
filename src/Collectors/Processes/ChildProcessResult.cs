namespace Observatory.Collectors.Processes;

public sealed record ChildProcessResult
{
    public required int ExitCode { get; init; }
    public required bool TimedOut { get; init; }
    public required long WallNs { get; init; }
    public long? PeakRssKb { get; init; }
    /// <summary>User + system CPU of the child and its descendants, sampled while it ran (<see cref="ChildProcess.CpuTimeOfChildren"/>).</summary>
    public long CpuNs { get; init; }
    /// <summary>Captured stdout (empty when it went to a file).</summary>
    public string Stdout { get; init; } = "";
    public string Stderr { get; init; } = "";
    /// <summary>On Linux a child killed by signal N exits with 128+N as seen through the shell; .NET reports it as such.</summary>
    public bool KilledBySignal => ExitCode > 128 && ExitCode < 128 + 65;

    public string StderrTail(int max = 2000) => Stderr.Length <= max ? Stderr : Stderr[^max..];
}
