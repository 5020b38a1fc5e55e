using Observatory.Collectors.Engines.Contract;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The standard wasm-c-api engine: any wasm.h library, driven through <see cref="WasmCApi"/>
/// with the <see cref="WasiPreview1"/> shim (<see cref="WasmCPhaseEngine"/> on the one recorder),
/// in observatory's worker process (<see cref="WasmCWorkerHost"/>). Its Source names the library that ran.
/// </summary>
public sealed class WasmCEngine(EngineEnvironment env, WasmCLibrary library, string version) : InProcessEngine(env)
{
    public const string Family = "wasmc";

    public WasmCLibrary Library => library;

    public override EngineDescriptor Descriptor { get; } = DescriptorFor(library, version) with { Status = EngineStatus.Ready };

    public static EngineDescriptor DescriptorFor(WasmCLibrary library, string version) => new()
    {
        Id = $"{Family}-{library.Name}-{version}",
        Family = Family,
        Version = version,
        Tier = "default",
        Flags = [$"library={library.FullPath}", "wasi=observatory preview1 shim"],
        Source = $"{library.Origin}: {library.FullPath}",
    };

    protected override string WorkerFamily => Family;

    protected override string WorkerSettings => library.FullPath;

    public override EngineCapabilities Capabilities => WasmCPhaseEngine.Features;

    protected override SandboxMounts Sandbox(EngineInvocation inv) => base.Sandbox(inv).WithReadOnly(library.FullPath);
}
