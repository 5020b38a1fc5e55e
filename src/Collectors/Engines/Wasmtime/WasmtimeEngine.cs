using System.Reflection;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Wasmtime through its .NET API (NuGet Wasmtime), hosted in a child process running
/// observatory's hidden <c>worker wasmtime</c> command (<see cref="WasmtimeWorker"/>).
/// </summary>
public sealed class WasmtimeEngine(EngineEnvironment env, WasmtimeSettings settings) : DriverEngine
{
    public static string PackageVersion { get; } =
        typeof(global::Wasmtime.Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(global::Wasmtime.Engine).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public WasmtimeSettings Settings => settings;

    public override EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"wasmtime-{PackageVersion}/{settings.Tier}" + (settings.OptLevel == "speed" ? "" : $"+opt-{settings.OptLevel}"),
        Family = "wasmtime",
        Version = PackageVersion,
        Tier = settings.Tier,
        Flags = [$"opt-level={settings.OptLevel}"],
        Source = "NuGet Wasmtime (in-process, .NET API)",
        Status = File.Exists(env.WorkerAssembly) ? EngineStatus.Ready : EngineStatus.Broken,
        Reason = File.Exists(env.WorkerAssembly) ? "" : $"worker {env.WorkerAssembly} not found",
    };

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv)
    {
        var args = new List<string> { env.WorkerAssembly, "worker", "wasmtime", "--settings", settings.Key };
        args.AddRange(WorkerArguments.Encode(inv));
        return new ChildProcessSpec { FileName = DotnetHost.Path, Arguments = args };
    }
}
