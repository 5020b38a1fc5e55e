using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines;

/// <summary>
/// The one contract every engine meets: say what it is, run a process of samples.
/// Engines never throw for a failing module: traps, timeouts and crashes are outcomes.
/// </summary>
public interface IEngine
{
    EngineDescriptor Descriptor { get; }

    ProcessResult Run(EngineInvocation invocation, CancellationToken cancellationToken = default);
}
