using Observatory.Collectors.Engines.Contract;
using Wt = global::Wasmtime;
using Wc = global::Wasmtime.Components;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// A WASI 0.2 command component on Wasmtime's component API behind the phase contract:
/// compile = <c>Component.FromBytes</c>, store = Store + ComponentLinker with the binding's WASI p2,
/// instantiate = <c>ComponentLinker.Instantiate</c> + the <c>wasi:cli/run</c> export, run = <c>run()</c>.
/// A component has no bench imports (no region) and no core memory export to measure.
/// </summary>
public sealed class WasmtimeComponentPhaseEngine(WasmtimeSettings settings) : IPhaseEngine
{
    private readonly Wt.Config config = settings.CreateConfig();
    private Wt.Engine? engine;

    private Wt.Engine Engine => engine ??= new Wt.Engine(config);

    public static EngineCapabilities Features { get; } = new()
    {
        BurstsUnsupported = "a burst variant (requests = N) runs core modules only; the component engine runs one request per iteration",
        LinearMemory = false,
    };

    public EngineCapabilities Capabilities => Features;

    public IEngineModule Compile(byte[] wasm, string name) =>
        WasmtimePhaseEngine.Refusing(() => new Component(Wc.Component.FromBytes(Engine, wasm)));

    public IEngineStore NewStore(WasiSpec wasi, BenchHooks hooks)
    {
        var linker = new Wc.ComponentLinker(Engine);
        linker.AddWasiPreview2();
        var store = new Wt.Store(Engine);
        store.SetWasiConfiguration(WasmtimeWasi.For(wasi));
        return new Store(linker, store);
    }

    public void Dispose()
    {
        engine?.Dispose();
        config.Dispose();
    }

    private sealed class Component(Wc.Component inner) : IEngineModule
    {
        public Wc.Component Inner { get; } = inner;

        public void Dispose() => Inner.Dispose();
    }

    private sealed class Store(Wc.ComponentLinker linker, Wt.Store store) : IEngineStore
    {
        public IEngineInstance Instantiate(IEngineModule module) => WasmtimePhaseEngine.Refusing(() =>
        {
            var instance = linker.Instantiate(store, ((Component)module).Inner);
            var run = RunExport(instance) ?? throw new ModuleRefusedException("component exports no wasi:cli/run");
            return (IEngineInstance)new Instance(run);
        });

        public void Dispose()
        {
            store.Dispose(); // closes the WASI stdout file before the recorder hashes it
            linker.Dispose();
        }
    }

    private sealed class Instance(Wc.ComponentFunction run) : IEngineInstance
    {
        public EntryOutcome RunEntry()
        {
            try
            {
                var result = run.Call();
                return EntryOutcome.Exited(result is { Kind: Wc.ComponentValueKind.Result, IsOk: false } ? 1 : 0);
            }
            catch (Wt.WasmtimeException e) when (e.ExitCode is not null)
            {
                return EntryOutcome.Exited(e.ExitCode.Value);
            }
            catch (Wt.WasmtimeException e)
            {
                // A trap inside the component (Wasmtime says "error while executing"); the preview1
                // adapter's assertion text, on stderr, says more than that.
                return EntryOutcome.Trap(WasmtimeText.FirstLines(e.Message), stderrExplains: true);
            }
        }

        public long? LinearMemoryBytes => null;
    }

    /// <summary>wasi:cli/run@0.2.x: Wasmtime resolves any 0.2 patch version from the 0.2.0 name.</summary>
    private static Wc.ComponentFunction? RunExport(Wc.ComponentInstance instance)
    {
        foreach (var name in new[] { "wasi:cli/run@0.2.0", "wasi:cli/run@0.2.12", "wasi:cli/run@0.2.6", "wasi:cli/run@0.2.3" })
        {
            try
            {
                if (instance.GetFunction(name, "run") is { } f) return f;
            }
            catch (Wt.WasmtimeException) { }
        }
        return null;
    }
}
