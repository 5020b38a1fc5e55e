using System.Reflection;
using Observatory.Collectors.Engines.Contract;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Wasmtime through its .NET API (NuGet Wasmtime), hosted in observatory's worker process
/// (<see cref="WasmtimeWorkerHost"/>: <see cref="WasmtimePhaseEngine"/> on the one recorder).
/// One instance per <see cref="WasmtimeSettings"/>: id <c>wasmtime-VERSION/KEY</c>.
/// </summary>
public sealed class WasmtimeEngine : InProcessEngine
{
    public static string PackageVersion { get; } =
        typeof(global::Wasmtime.Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(global::Wasmtime.Engine).Assembly.GetName().Version?.ToString(3) ?? "unknown";

    public const string Source = "NuGet Wasmtime (in-process, .NET API)";

    public const string Family = "wasmtime";

    public WasmtimeEngine(EngineEnvironment env, WasmtimeSettings settings) : base(env)
    {
        Settings = settings;
        Descriptor = DescriptorFor(settings) with
        {
            Status = File.Exists(env.WorkerAssembly) ? EngineStatus.Ready : EngineStatus.Broken,
            Reason = File.Exists(env.WorkerAssembly) ? "" : $"worker {env.WorkerAssembly} not found (rebuild: dotnet build -c Release src/Harness)",
        };
    }

    public WasmtimeSettings Settings { get; }

    public override EngineDescriptor Descriptor { get; }

    public static EngineDescriptor DescriptorFor(WasmtimeSettings settings) => new()
    {
        Id = $"wasmtime-{PackageVersion}/{settings.Key}",
        Family = Family,
        Version = PackageVersion,
        Tier = settings.Tier,
        Flags = settings.Tier == "pulley" ? [.. settings.Flags, $"timeout-scale={InterpreterTimeoutScale}"] : settings.Flags,
        Source = Source,
    };

    /// <summary>Pulley is an interpreter: see <see cref="DriverEngine.TimeoutScale"/>.</summary>
    public const double InterpreterTimeoutScale = 4;

    protected override double TimeoutScale => Settings.Tier == "pulley" ? InterpreterTimeoutScale : 1;

    protected override string WorkerFamily => Family;

    protected override string WorkerSettings => Settings.Key;

    public override EngineCapabilities Capabilities => CapabilitiesOf(Settings);

    public static EngineCapabilities CapabilitiesOf(WasmtimeSettings settings) =>
        settings.Component ? WasmtimeComponentPhaseEngine.Features : WasmtimePhaseEngine.Features;
}
