namespace Observatory.Collectors.Engines;

/// <summary>
/// An engine that can run many invocations in one process, for where starting it outweighs the work (V8 under
/// qemu-user takes about 2 s of CPU to start). Each invocation gets the result one process of its own would
/// have given: its own timeout (the process is killed when it stays silent that long), and one that crashes
/// the process is run again alone, the invocations after it in a fresh process. Results come in the order given.
/// </summary>
public interface IBatchEngine : IEngine
{
    IReadOnlyList<ProcessResult> RunBatch(IReadOnlyList<EngineInvocation> invocations, CancellationToken cancellationToken = default);
}
