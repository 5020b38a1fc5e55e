namespace Observatory.Collectors.Engines.Worker;

/// <summary>
/// The in-process side of an engine family inside the worker process: serves one
/// <see cref="WorkerRequest"/>, writing the protocol lines to <paramref name="output"/>; returns the exit code.
/// Throws <see cref="FormatException"/> for settings it cannot parse (the worker prints one line).
/// </summary>
public interface IWorkerHost
{
    int Serve(WorkerRequest request, TextWriter output);
}
