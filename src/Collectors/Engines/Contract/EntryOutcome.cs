namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// How a run of the entry point ended: it returned or called <c>proc_exit</c> (an exit code, 0 when
/// it returned), or it trapped (with the engine's message). <see cref="StderrExplainsTrap"/> asks the
/// recorder to put the guest's stderr before the message (the component adapter's assertion text).
/// </summary>
public sealed record EntryOutcome
{
    public int? ExitCode { get; private init; }
    public string? TrapMessage { get; private init; }
    public bool StderrExplainsTrap { get; private init; }

    public bool Trapped => TrapMessage is not null;

    public static EntryOutcome Exited(int code) => new() { ExitCode = code };

    public static EntryOutcome Trap(string message, bool stderrExplains = false) =>
        new() { TrapMessage = message, StderrExplainsTrap = stderrExplains };
}
