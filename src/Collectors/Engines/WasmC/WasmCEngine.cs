using Observatory.Collectors.Engines.Contract;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The standard wasm-c-api engine: any wasm.h library, driven through <see cref="WasmCApi"/>
/// with the <see cref="WasiPreview1"/> shim (<see cref="WasmCPhaseEngine"/> on the one recorder),
/// in observatory's worker process (<see cref="WasmCWorkerHost"/>). Its Source names the library that ran.
/// </summary>
public sealed class WasmCEngine(EngineEnvironment env, WasmCLibrary library, string version, WasmCLibraryTraits? traits = null) : InProcessEngine(env)
{
    public const string Family = "wasmc";

    public WasmCLibrary Library => library;

    /// <summary>How the library differs from upstream wasm.h, as its probe found (null when not probed).</summary>
    public WasmCLibraryTraits? Traits => traits;

    public override EngineDescriptor Descriptor { get; } = DescriptorFor(library, version, traits) with { Status = EngineStatus.Ready };

    public static EngineDescriptor DescriptorFor(WasmCLibrary library, string version, WasmCLibraryTraits? traits = null) => new()
    {
        Id = $"{Family}-{library.Name}-{version}",
        Family = Family,
        Version = version,
        Tier = "default",
        Flags = [$"library={library.FullPath}", "wasi=observatory preview1 shim", .. traits?.Flags ?? []],
        Source = $"{library.Origin}: {library.FullPath}" + (traits is null ? "" : $"; {traits.Description}"),
    };

    protected override string WorkerFamily => Family;

    protected override string WorkerSettings => library.FullPath;

    public override EngineCapabilities Capabilities => WasmCPhaseEngine.Features;

    protected override SandboxMounts Sandbox(EngineInvocation inv) => base.Sandbox(inv).WithReadOnly(library.FullPath);
}
