using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// What an engine that cannot serve a burst variant (<c>requests = N</c>: a fresh instance per
/// request inside one process) reports: every iteration unsupported, with the reason.
/// </summary>
public static class BurstUnsupported
{
    public static IterationResult Iteration(int iteration, string reason) =>
        new() { Iteration = iteration, Outcome = Outcome.Unsupported, Message = reason };

    public static ProcessResult Process(EngineInvocation inv, string reason) => new()
    {
        Iterations = Enumerable.Range(0, inv.Iterations).Select(i => Iteration(i, reason)).ToList(),
        ProcessFailure = Outcome.Unsupported,
        FailureMessage = reason,
    };
}
