using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The standard wasm-c-api engine: any wasm.h library, driven through <see cref="WasmCApi"/>
/// with the <see cref="WasiPreview1"/> shim, in a child process running
/// <c>observatory worker wasmc --library PATH</c>. Its Source names the library that ran.
/// </summary>
public sealed class WasmCEngine(EngineEnvironment env, WasmCLibrary library, string version) : DriverEngine
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

    protected override ChildProcessSpec CreateSpec(EngineInvocation inv)
    {
        var args = new List<string> { env.WorkerAssembly, "worker", "wasmc", "--library", library.FullPath };
        args.AddRange(WorkerArguments.Encode(inv));
        return new ChildProcessSpec
        {
            FileName = DotnetHost.Path, Arguments = args, Environment = Sandbox.DotnetWorkerEnvironment,
            Sandbox = EngineSandbox.For(inv, env).WithReadOnly(library.FullPath),
        };
    }
}
