using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.Worker;

/// <summary>
/// The command line of a worker process: <c>dotnet observatory.dll worker --request FILE</c>, the
/// request written to <paramref name="requestFile"/> first (a run's goes into its scratch directory,
/// which the sandbox binds writable at the same path).
/// </summary>
public static class WorkerProcess
{
    public static ChildProcessSpec Spec(EngineEnvironment env, WorkerRequest request, string requestFile, SandboxMounts? sandbox)
    {
        File.WriteAllText(requestFile, request.ToJson());
        return new ChildProcessSpec
        {
            FileName = DotnetHost.Path,
            Arguments = [env.WorkerAssembly, "worker", "--request", requestFile],
            Environment = Sandbox.DotnetWorkerEnvironment,
            Sandbox = sandbox,
        };
    }
}
