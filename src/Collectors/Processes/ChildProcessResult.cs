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

    /// <summary>How the process ended, for a message: "exited with code 3", or "was killed by SIGSEGV (exit code 139)".</summary>
    public string Ending => KilledBySignal ? $"was killed by {SignalName(ExitCode - 128)} (exit code {ExitCode})" : $"exited with code {ExitCode}";

    /// <summary>The Linux name of signal <paramref name="signal"/> (x86_64/aarch64 numbering), else "signal N".</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP", 2 => "SIGINT", 3 => "SIGQUIT", 4 => "SIGILL", 5 => "SIGTRAP", 6 => "SIGABRT", 7 => "SIGBUS",
        8 => "SIGFPE", 9 => "SIGKILL", 10 => "SIGUSR1", 11 => "SIGSEGV", 12 => "SIGUSR2", 13 => "SIGPIPE",
        14 => "SIGALRM", 15 => "SIGTERM", 24 => "SIGXCPU", 25 => "SIGXFSZ", 31 => "SIGSYS",
        _ => $"signal {signal}",
    };

    public string StderrTail(int max = 2000) => Stderr.Length <= max ? Stderr : Stderr[^max..];
}
