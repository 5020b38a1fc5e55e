using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Components;

/// <summary>
/// Runs a workload as a WASI 0.2 command component: the harness hands it the core module,
/// it builds (and caches) the component with <see cref="ComponentToolchain"/>, then runs that.
/// A module that cannot become a component is "unsupported" with jco's reason. Compared with
/// the same module as a core module on the same engine, the phases show the component cost.
/// </summary>
public abstract class ComponentEngine(EngineEnvironment env) : IEngine
{
    protected EngineEnvironment Env { get; } = env;
    protected ComponentToolchain Toolchain { get; } = new(env);

    public abstract EngineDescriptor Descriptor { get; }

    /// <summary>The component-form artifact for <paramref name="wasm"/> (file or directory), or null with the reason.</summary>
    protected abstract string? Prepare(string wasm, out string reason);

    /// <summary>The engine that runs the prepared artifact.</summary>
    protected abstract IEngine Inner(string prepared);

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        if (inv.Requests is not null)
            return BurstUnsupported.Process(inv, "a burst variant (requests = N, a fresh instance per request) is not implemented for components: they run one request per iteration");
        var prepared = Prepare(Path.GetFullPath(inv.ArtifactPath), out var reason);
        if (prepared is null)
            return new ProcessResult
            {
                Iterations = Enumerable.Range(0, inv.Iterations).Select(i => new IterationResult { Iteration = i, Outcome = Outcome.Unsupported, Message = reason }).ToList(),
                ProcessFailure = Outcome.Unsupported,
                FailureMessage = reason,
            };
        return Inner(prepared).Run(inv with { ArtifactPath = File.Exists(prepared) ? prepared : inv.ArtifactPath }, cancellationToken);
    }
}

/// <summary>Wasmtime's component API with the .NET binding's WASI p2 (<c>wasmtime-VERSION/cranelift+component</c>).</summary>
public sealed class WasmtimeComponentEngine(EngineEnvironment env) : ComponentEngine(env)
{
    public static WasmtimeSettings Settings { get; } = new("cranelift", Component: true);
    private readonly WasmtimeEngine inner = new(env, Settings);

    public override EngineDescriptor Descriptor => inner.Descriptor with { Source = $"{WasmtimeEngine.Source}, component made by jco new" };

    protected override string? Prepare(string wasm, out string reason) => Toolchain.Component(wasm, out reason);

    protected override IEngine Inner(string prepared) => inner;
}

/// <summary>V8 through Node on <c>jco transpile</c> output with preview2-shim (<c>node-VERSION/jco-component</c>).</summary>
public sealed class JcoComponentEngine(EngineEnvironment env, string node, string version, string v8) : ComponentEngine(env)
{
    public override EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"node-{version}/jco-component",
        Family = "node",
        Version = version,
        Tier = "jco-component",
        Flags = [$"v8={v8}", "component-model=jco transpile + preview2-shim", "--expose-gc", "--single-threaded-gc"],
        Source = $"system ({node}), component by jco new + jco transpile",
        Status = EngineStatus.Ready,
    };

    protected override string? Prepare(string wasm, out string reason) => Toolchain.Transpiled(wasm, out reason);

    protected override IEngine Inner(string prepared) => new Driver(Env, node, prepared, Toolchain.PreviewShim!, Descriptor);

    private sealed class Driver(EngineEnvironment env, string node, string dir, string shim, EngineDescriptor descriptor) : DriverEngine
    {
        public override EngineDescriptor Descriptor => descriptor;

        protected override ChildProcessSpec CreateSpec(EngineInvocation inv) => new()
        {
            FileName = node,
            Arguments = ["--no-warnings", "--expose-gc", "--single-threaded-gc", Path.Combine(env.DriverDirectory, "jco-component-driver.mjs"),
                         "--component", dir, "--shim", shim, .. WorkerArguments.Encode(inv)],
            // jco's output imports preview2-shim from node_modules; the transpiled component lives in the engine cache.
            Sandbox = EngineSandbox.For(inv, env).WithReadOnly(dir, env.NodeModules, EngineSandbox.NpmPackageOf(node, env)),
        };
    }
}
