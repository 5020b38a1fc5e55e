using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines;

/// <summary>
/// An engine that is listed but cannot run (not installed, broken): it is kept in
/// the catalog so reports say why it is missing instead of silently dropping it.
/// </summary>
public sealed class UnavailableEngine(EngineDescriptor descriptor) : IEngine
{
    public EngineDescriptor Descriptor { get; } = descriptor;

    public ProcessResult Run(EngineInvocation invocation, CancellationToken cancellationToken = default) => new()
    {
        Iterations = Enumerable.Range(0, invocation.Iterations)
            .Select(i => new IterationResult { Iteration = i, Outcome = Outcome.Unsupported, Message = Descriptor.Reason })
            .ToList(),
        ProcessFailure = Outcome.Unsupported,
        FailureMessage = Descriptor.Reason,
    };
}
