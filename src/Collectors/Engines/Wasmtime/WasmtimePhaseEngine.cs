using Observatory.Collectors.Engines.Contract;
using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Wasmtime's core-module API behind the phase contract: compile = <c>Module.FromBytes</c>
/// (precompiled: <c>Module.Deserialize</c>), store = Store + Linker with Wasmtime's WASI preview1
/// and the bench hooks, instantiate = <c>Linker.Instantiate</c>, run = <c>_start</c> (or <c>run</c>).
/// </summary>
public sealed class WasmtimePhaseEngine(WasmtimeSettings settings) : IPhaseEngine
{
    /// <summary>The C API call that runs the entry point, where callgrind starts counting.</summary>
    public const string CallSymbol = "wasmtime_func_call";

    private readonly Wt.Config config = settings.CreateConfig();
    private Wt.Engine? engine;

    private Wt.Engine Engine => engine ??= new Wt.Engine(config);

    public static EngineCapabilities Features { get; } = new() { Precompiled = true, InstructionCountSymbol = CallSymbol };

    public EngineCapabilities Capabilities => Features;

    public IEngineModule Compile(byte[] wasm, string name) => Refusing(() => new Module(Wt.Module.FromBytes(Engine, name, wasm)));

    public byte[] Serialize(IEngineModule module) => Refusing(() => ((Module)module).Inner.Serialize());

    public IEngineModule Deserialize(byte[] serialized, string name) => Refusing(() => new Module(Wt.Module.Deserialize(Engine, name, serialized)));

    public IEngineStore NewStore(WasiSpec wasi, BenchHooks hooks)
    {
        var linker = new Wt.Linker(Engine);
        var store = new Wt.Store(Engine);
        linker.DefineWasi();
        linker.DefineFunction("bench", "start", () => hooks.Start());
        linker.DefineFunction("bench", "end", () => hooks.End());
        store.SetWasiConfiguration(WasmtimeWasi.For(wasi));
        return new Store(linker, store);
    }

    public void Dispose()
    {
        engine?.Dispose();
        config.Dispose();
    }

    internal static T Refusing<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Wt.TrapException e)
        {
            throw new GuestTrapException(WasmtimeText.FirstLines(e.Message));
        }
        catch (Wt.WasmtimeException e)
        {
            throw new ModuleRefusedException(WasmtimeText.FirstLines(e.Message));
        }
    }

    private sealed class Module(Wt.Module inner) : IEngineModule
    {
        public Wt.Module Inner { get; } = inner;

        public void Dispose() => Inner.Dispose();
    }

    private sealed class Store(Wt.Linker linker, Wt.Store store) : IEngineStore
    {
        public IEngineInstance Instantiate(IEngineModule module) => Refusing(() =>
        {
            var instance = linker.Instantiate(store, ((Module)module).Inner);
            var entry = instance.GetFunction("_start") ?? instance.GetFunction("run")
                ?? throw new ModuleRefusedException("module exports neither _start nor run");
            return (IEngineInstance)new Instance(instance, entry);
        });

        public void Dispose()
        {
            store.Dispose(); // closes the WASI stdout file before the recorder hashes it
            linker.Dispose();
        }
    }

    private sealed class Instance(Wt.Instance instance, Wt.Function entry) : IEngineInstance
    {
        public EntryOutcome RunEntry()
        {
            try
            {
                entry.Invoke();
                return EntryOutcome.Exited(0);
            }
            catch (Wt.WasmtimeException e) when (e.ExitCode is not null)
            {
                return EntryOutcome.Exited(e.ExitCode.Value);
            }
            catch (Wt.TrapException e)
            {
                return EntryOutcome.Trap(WasmtimeText.FirstLines(e.Message));
            }
        }

        public long? LinearMemoryBytes => instance.GetMemory("memory")?.GetLength();
    }
}
