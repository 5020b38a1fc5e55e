using Observatory.Collectors.Engines.Contract;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// Any wasm.h library behind the phase contract: compile = <c>wasm_module_new</c>, store = a
/// <c>wasm_store_t</c> with the <see cref="WasiPreview1"/> shim and the bench hooks as host
/// functions, instantiate = <c>wasm_instance_new</c>, run = <c>wasm_func_call</c> of <c>_start</c>
/// (or <c>run</c>). The module's first instance lives in the store that compiled it (some
/// libraries tie a module to its store); later ones (burst requests) each get a fresh store.
/// </summary>
public sealed class WasmCPhaseEngine(WasmCRuntime runtime) : IPhaseEngine
{
    /// <summary>The wasm.h call that runs the entry point, where callgrind starts counting.</summary>
    public const string CallSymbol = "wasm_func_call";

    public static EngineCapabilities Features { get; } = new() { InstructionCountSymbol = CallSymbol };

    public EngineCapabilities Capabilities => Features;

    public IEngineModule Compile(byte[] wasm, string name)
    {
        var store = runtime.NewStore();
        try
        {
            return new Module(store, store.Compile(wasm));
        }
        catch (WasmCLinkException e)
        {
            store.Dispose();
            throw new ModuleRefusedException(e.Message);
        }
    }

    public IEngineStore NewStore(WasiSpec wasi, BenchHooks hooks) => new Store(runtime, wasi, hooks);

    public void Dispose() => runtime.Dispose();

    private sealed class Module(WasmCStore compileStore, WasmCModule inner) : IEngineModule
    {
        private bool compileStoreTaken;

        public WasmCModule Inner { get; } = inner;

        /// <summary>The store that compiled the module, for its first instance only.</summary>
        public WasmCStore? TakeCompileStore()
        {
            if (compileStoreTaken) return null;
            compileStoreTaken = true;
            return compileStore;
        }

        public void Dispose()
        {
            Inner.Dispose();
            compileStore.Dispose();
        }
    }

    private sealed class Store(WasmCRuntime runtime, WasiSpec spec, BenchHooks hooks) : IEngineStore
    {
        private readonly WasiPreview1 wasi = new(spec);
        private WasmCStore? ownStore;
        private WasmCInstance? instance;

        public IEngineInstance Instantiate(IEngineModule module)
        {
            var m = (Module)module;
            var store = m.TakeCompileStore() ?? (ownStore = runtime.NewStore());
            var bench = new Dictionary<string, HostFunction>
            {
                ["start"] = new("bench", "start", [], [], _ => { hooks.Start(); return 0; }),
                ["end"] = new("bench", "end", [], [], _ => { hooks.End(); return 0; }),
            };
            try
            {
                instance = new WasmCInstance(store, m.Inner, wasi.Imports(bench));
            }
            catch (WasmCLinkException e)
            {
                throw new ModuleRefusedException(e.Message);
            }
            catch (WasmCTrapException e)
            {
                throw new GuestTrapException(e.Message);
            }
            wasi.Memory = instance.HasMemory ? instance : null;
            var entry = instance.Function("_start");
            if (entry == IntPtr.Zero) entry = instance.Function("run");
            if (entry == IntPtr.Zero) throw new ModuleRefusedException("module exports neither _start nor run");
            return new Instance(instance, entry, wasi);
        }

        public void Dispose()
        {
            instance?.Dispose();
            ownStore?.Dispose();
            wasi.Dispose(); // flushes stdout before the recorder hashes it
        }
    }

    private sealed class Instance(WasmCInstance instance, IntPtr entry, WasiPreview1 wasi) : IEngineInstance
    {
        public EntryOutcome RunEntry()
        {
            try
            {
                instance.Call(entry, []);
                return EntryOutcome.Exited(0);
            }
            catch (WasmCTrapException e) when ((e.ExitCode ?? wasi.ExitCode) is { } code)
            {
                return EntryOutcome.Exited(code);
            }
            catch (WasmCTrapException e)
            {
                return EntryOutcome.Trap(e.Message);
            }
        }

        public long? LinearMemoryBytes => instance.MemoryBytes;
    }
}
