using System.Text;
using System.Text.RegularExpressions;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines.WasmC;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// The standard wasm-c-api (wasm.h) as a spec-suite engine, over any library that implements
/// it (the same <see cref="WasmCApi"/> layer the benchmark engine uses; nothing
/// runtime-specific). wasm.h has no linker, so this host keeps the registry itself: every
/// registered export by (module, name), and each import of a new instance is looked up there
/// in import order. The library comes from <see cref="LibraryEnvironment"/>, set by the
/// parent for the conformance worker.
/// What wasm.h cannot express is not-applicable, decided before the library is asked
/// (libwasmtime's wasm.h aborts the process on a v128 or GC value): v128 and GC reference
/// values, and externrefs carrying a host id (wasm.h has no portable way to make one).
/// wasm.h reports neither why a module was refused nor what kind of trap happened, so
/// exhaustion and uncaught exceptions are told apart by the trap's words.
/// </summary>
public sealed unsafe class WasmCSpecHost : ISpecHost
{
    public const string LibraryEnvironment = "OBSERVATORY_WASMC_LIBRARY";

    private static readonly IReadOnlySet<ValueClass> Carriable = new HashSet<ValueClass>
    {
        ValueClass.I32, ValueClass.I64, ValueClass.F32, ValueClass.F64, ValueClass.FuncRef, ValueClass.ExternRef,
    };

    private readonly WasmCApi _api;
    private readonly WasmCInspection _x;
    private readonly IntPtr _engine;
    private IntPtr _store;
    private readonly Dictionary<(string Module, string Name), IntPtr> _registry = new();
    private readonly List<IntPtr> _modules = [], _instances = [];
    private readonly List<WasmVec> _exportVecs = [];
    // Why this library cannot carry externrefs (see WasmCSpecEngine's probe), or null.
    private readonly string? _externrefRefused = Environment.GetEnvironmentVariable(WasmCSpecEngine.ExternrefRefusedEnvironment) is { Length: > 0 } r ? r : null;

    // Every library call happens on this one thread: the spec worker runs each file on a new thread,
    // and WAMR allows an engine's stores and their objects on one thread only.
    private readonly WasmCStoreThread _owner;

    public WasmCSpecHost(string library)
    {
        var stack = int.TryParse(Environment.GetEnvironmentVariable(SpecWorkerProtocol.StackEnvironment), out var s) && s > 0 ? s : 64 << 20;
        _owner = new WasmCStoreThread(stack);
        try
        {
            _api = WasmCApi.Load(library);
            _x = new WasmCInspection(_api);
            _engine = _owner.Run(() => _api.wasm_engine_new());
            if (_engine == IntPtr.Zero) throw new WasmCLibraryException($"wasm_engine_new() returned NULL in {_api.LibraryPath}");
        }
        catch
        {
            _owner.Dispose();
            throw;
        }
    }

    public void Reset() => _owner.Run(ResetCore);
    public ISpecModule Compile(byte[] wasm) => _owner.Run(() => CompileCore(wasm));
    public ISpecInstance Instantiate(ISpecModule module) => _owner.Run(() => InstantiateCore(module));
    public void Register(byte[] name, ISpecInstance instance) => _owner.Run(() => RegisterCore(name, instance));
    public IReadOnlyList<WasmValue> Invoke(ISpecInstance instance, byte[] field, IReadOnlyList<WasmValue> args) => _owner.Run(() => InvokeCore(instance, field, args));
    public WasmValue Get(ISpecInstance instance, byte[] field) => _owner.Run(() => GetCore(instance, field));

    /// <summary>The host for the library named by <see cref="LibraryEnvironment"/> (how the conformance worker is told).</summary>
    public static WasmCSpecHost FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(LibraryEnvironment) is { Length: > 0 } path
            ? path
            : throw new WasmCLibraryException($"{LibraryEnvironment} is not set: the wasm.h spec host needs the path of a wasm.h library"));

    private sealed class Mod(IntPtr handle, byte[] bytes) : ISpecModule
    {
        public IntPtr Handle { get; } = handle;
        public byte[] Bytes { get; } = bytes;
    }

    private sealed class Inst(Dictionary<string, IntPtr> exports, IReadOnlyDictionary<string, ExportSignature>? signatures) : ISpecInstance
    {
        public Dictionary<string, IntPtr> Exports { get; } = exports;
        public IReadOnlyDictionary<string, ExportSignature>? Signatures { get; } = signatures;
    }

    private int _spectestVariant;
    // The spectest exports this library refused (left out of the variant it took), and its words for the first refusal:
    // a module importing one of them is unsupported for that reason, not a link failure.
    private HashSet<string> _spectestOmitted = [];
    private string? _spectestRefusal;

    private void ResetCore()
    {
        DisposeStore();
        _store = _api.wasm_store_new(_engine);
        if (_store == IntPtr.Zero) throw new WasmCLibraryException($"wasm_store_new() returned NULL in {_api.LibraryPath}");
        RegisterCore("spectest"u8.ToArray(), SpectestInstance());
    }

    /// <summary>The largest spectest module this engine takes (wasm.h's default configuration refuses shared memory).</summary>
    private ISpecInstance SpectestInstance()
    {
        SpecFailure? last = null;
        // The variant this library took for the previous script first: every script starts with a fresh store.
        foreach (var i in Enumerable.Range(0, SpectestModule.Variants.Count).OrderBy(i => i != _spectestVariant))
        {
            try
            {
                var instance = InstantiateCore(CompileCore(SpectestModule.Variants[i].Binary));
                _spectestVariant = i;
                _spectestOmitted = SpectestModule.Variants[i].Omitted.Split(", ", StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
                return instance;
            }
            catch (SpecFailure f)
            {
                last = f;
                _spectestRefusal ??= f.Message;
            }
        }
        throw new WasmCLibraryException($"{_api.LibraryPath} refuses every version of the spectest module: {last?.Message}");
    }

    private ISpecModule CompileCore(byte[] wasm)
    {
        fixed (byte* p = wasm)
        {
            var vec = _api.Vec((nuint)wasm.Length, (IntPtr)p, 1);
            var m = _api.wasm_module_new(_store, &vec);
            if (m == IntPtr.Zero) throw new SpecFailure(SpecFailureKind.Rejected, "wasm_module_new refused the module (wasm.h gives no reason)");
            _modules.Add(m);
            return new Mod(m, wasm);
        }
    }

    private ISpecInstance InstantiateCore(ISpecModule module)
    {
        var mod = (Mod)module;
        var imports = ReadImports(mod.Handle);
        var externs = new IntPtr[imports.Count];
        for (var i = 0; i < imports.Count; i++)
        {
            var (m, n, kind) = imports[i];
            if (!_registry.TryGetValue((m, n), out var ext))
                throw m == "spectest" && _spectestOmitted.Contains(n)
                    ? new SpecFailure(SpecFailureKind.Unsupported, $"this library refused the spectest module's \"{n}\" ({_spectestRefusal}), so it is left out")
                    : new SpecFailure(SpecFailureKind.Unlinkable, $"unknown import \"{m}\" \"{n}\"");
            if (_api.wasm_extern_kind(ext) != kind)
                throw new SpecFailure(SpecFailureKind.Unlinkable, $"incompatible import type for \"{m}\" \"{n}\": expected a {KindName(kind)}, found a {KindName(_api.wasm_extern_kind(ext))}");
            externs[i] = ext;
        }
        IntPtr instance;
        IntPtr trap = IntPtr.Zero;
        fixed (IntPtr* p = externs)
        {
            var vec = _api.Vec((nuint)externs.Length, (IntPtr)p, IntPtr.Size);
            instance = _api.wasm_instance_new(_store, mod.Handle, &vec, &trap);
        }
        if (trap != IntPtr.Zero)
        {
            if (instance != IntPtr.Zero) _api.wasm_instance_delete(instance);
            var failure = TrapFailure(trap);
            // Some implementations (libwasmtime) report a link error as a trap: tell them apart by the words.
            throw LinkWords.IsMatch(failure.Message) ? new SpecFailure(SpecFailureKind.Unlinkable, failure.Message) : failure;
        }
        // wasm.h returns NULL without a trap when an import does not match its type.
        if (instance == IntPtr.Zero) throw new SpecFailure(SpecFailureKind.Unlinkable, "wasm_instance_new failed: incompatible import type");
        _instances.Add(instance);
        WasmVec exports = default;
        _api.wasm_instance_exports(instance, &exports);
        _exportVecs.Add(exports);
        var names = ReadExportNames(mod.Handle);
        var byName = new Dictionary<string, IntPtr>(StringComparer.Ordinal);
        var exportCount = (int)_api.Count(&exports);
        for (var i = 0; i < exportCount && i < names.Count; i++) byName[names[i]] = ((IntPtr*)exports.Data)[i];
        return new Inst(byName, ExportSignatures.Read(mod.Bytes));
    }

    private void RegisterCore(byte[] name, ISpecInstance instance)
    {
        var module = Encoding.UTF8.GetString(name);
        foreach (var (field, ext) in ((Inst)instance).Exports) _registry[(module, field)] = ext;
    }

    private IReadOnlyList<WasmValue> InvokeCore(ISpecInstance instance, byte[] field, IReadOnlyList<WasmValue> args)
    {
        var inst = (Inst)instance;
        var name = Encoding.UTF8.GetString(field);
        var ext = Export(inst, name);
        if (_api.wasm_extern_kind(ext) != WasmCApi.ExternFunc) throw new SpecFailure(SpecFailureKind.Harness, $"export \"{name}\" is not a function");
        RefuseWhatWasmHCannotCarry(inst, name, args);
        var func = _api.wasm_extern_as_func(ext);
        var nparams = (int)_api.wasm_func_param_arity(func);
        if (nparams != args.Count) throw new SpecFailure(SpecFailureKind.Harness, $"\"{name}\" takes {nparams} arguments, the script passes {args.Count}");
        var nresults = (int)_api.wasm_func_result_arity(func);
        var a = stackalloc WasmVal[Math.Max(1, args.Count)];
        for (var i = 0; i < args.Count; i++) a[i] = ToNative(args[i]);
        var r = stackalloc WasmVal[Math.Max(1, nresults)];
        var av = _api.Vec((nuint)args.Count, (IntPtr)a, sizeof(WasmVal));
        var rv = _api.Vec((nuint)nresults, (IntPtr)r, sizeof(WasmVal));
        var trap = _api.wasm_func_call(func, &av, &rv);
        if (trap != IntPtr.Zero) throw TrapFailure(trap);
        var list = new WasmValue[nresults];
        for (var i = 0; i < nresults; i++) list[i] = FromNative(&r[i]);
        return list;
    }

    private WasmValue GetCore(ISpecInstance instance, byte[] field)
    {
        var inst = (Inst)instance;
        var name = Encoding.UTF8.GetString(field);
        var ext = Export(inst, name);
        if (_api.wasm_extern_kind(ext) != WasmCApi.ExternGlobal) throw new SpecFailure(SpecFailureKind.Harness, $"export \"{name}\" is not a global");
        RefuseWhatWasmHCannotCarry(inst, name, []);
        WasmVal v = default;
        _x.wasm_global_get(_x.wasm_extern_as_global(ext), &v);
        return FromNative(&v);
    }

    private static IntPtr Export(Inst inst, string name) =>
        inst.Exports.TryGetValue(name, out var ext) ? ext : throw new SpecFailure(SpecFailureKind.Harness, $"no export named \"{name}\"");

    /// <summary>Not-applicable before the library sees a value type it has no wasm.h kind for (it may abort on one).</summary>
    private void RefuseWhatWasmHCannotCarry(Inst inst, string name, IReadOnlyList<WasmValue> args)
    {
        foreach (var v in args)
        {
            if (v.Type == WasmType.V128) throw new SpecFailure(SpecFailureKind.NotApplicable, "wasm.h has no v128 value kind");
            if (v.Type is WasmType.AnyRef or WasmType.ExnRef) throw new SpecFailure(SpecFailureKind.NotApplicable, $"wasm.h has no value kind for {v.Type.ToString().ToLowerInvariant()}");
            if (v.Ref is not RefKind.Null && v.IsReference) throw new SpecFailure(SpecFailureKind.NotApplicable, "wasm.h cannot create a reference carrying a host id");
        }
        if (inst.Signatures is null)
            throw new SpecFailure(SpecFailureKind.NotApplicable, "the module's export types could not be read, so its values may not fit wasm.h's kinds");
        if (!inst.Signatures.TryGetValue(name, out var sig)) return;
        if (_externrefRefused is not null && (args.Any(a => a.Type == WasmType.ExternRef) || sig.Params.Concat(sig.Results).Contains(ValueClass.ExternRef)))
            throw new SpecFailure(SpecFailureKind.NotApplicable, _externrefRefused);
        if (sig.FirstOutside(Carriable) is { } bad)
            throw new SpecFailure(SpecFailureKind.NotApplicable, bad == ValueClass.V128
                ? "wasm.h has no v128 value kind"
                : "wasm.h has value kinds only for funcref and externref among references");
    }

    private static WasmVal ToNative(WasmValue v)
    {
        var n = default(WasmVal);
        switch (v.Type)
        {
            case WasmType.I32: n.Kind = WasmVal.KindI32; n.I32 = (int)(uint)v.Lo; break;
            case WasmType.I64: n.Kind = WasmVal.KindI64; n.I64 = (long)v.Lo; break;
            case WasmType.F32: n.Kind = WasmVal.KindF32; n.I32 = (int)(uint)v.Lo; break;
            case WasmType.F64: n.Kind = WasmVal.KindF64; n.I64 = (long)v.Lo; break;
            case WasmType.FuncRef: n.Kind = WasmVal.KindFuncRef; break;
            case WasmType.ExternRef: n.Kind = WasmVal.KindAnyRef; break; // wasm.h's "anyref" kind (128) is externref
        }
        return n;
    }

    private WasmValue FromNative(WasmVal* v)
    {
        switch (v->Kind)
        {
            case WasmVal.KindI32: return WasmValue.I32((uint)v->I32);
            case WasmVal.KindI64: return WasmValue.I64((ulong)v->I64);
            case WasmVal.KindF32: return WasmValue.F32((uint)v->I32);
            case WasmVal.KindF64: return WasmValue.F64((ulong)v->I64);
            case WasmVal.KindFuncRef or WasmVal.KindAnyRef:
            {
                var type = v->Kind == WasmVal.KindFuncRef ? WasmType.FuncRef : WasmType.ExternRef;
                if (v->Ref == IntPtr.Zero) return new WasmValue(type, Ref: RefKind.Null);
                _x.wasm_val_delete(v);
                return new WasmValue(type, Ref: type == WasmType.FuncRef ? RefKind.Func : RefKind.Extern);
            }
            default:
                throw new SpecFailure(SpecFailureKind.NotApplicable, $"wasm.h value kind {v->Kind} is not one of the standard ones");
        }
    }

    // The words runtimes use for a stack overflow and for an uncaught wasm exception.
    private static readonly Regex ExhaustionWords = new("call stack exhausted|stack overflow|call stack size exceeded|exhausted", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static readonly Regex LinkWords = new(@"incompatible|unknown import|import .*(type|mismatch)|link", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    // A feature the library implements but its default configuration (all wasm.h can ask for) leaves off.
    private static readonly Regex DisabledWords = new(@"support is disabled|is not enabled|feature .* is disabled", RegexOptions.IgnoreCase | RegexOptions.Compiled);
    private static readonly Regex ExceptionWords = new(@"uncaught exception|thrown wasm exception|exception thrown|wasm exception", RegexOptions.IgnoreCase | RegexOptions.Compiled);

    private SpecFailure TrapFailure(IntPtr trap)
    {
        var raw = _api.TakeTrapMessage(trap);
        var kind = ExceptionWords.IsMatch(raw) ? SpecFailureKind.Exception
            : ExhaustionWords.IsMatch(raw) ? SpecFailureKind.Exhaustion
            : DisabledWords.IsMatch(raw) ? SpecFailureKind.Unsupported
            : SpecFailureKind.Trap;
        return new SpecFailure(kind, Clean(raw));
    }

    /// <summary>The cause line of a trap message ("wasm trap: X", or what follows "Caused by:"), without backtraces.</summary>
    private static string Clean(string message)
    {
        var idx = message.IndexOf("wasm trap: ", StringComparison.Ordinal);
        if (idx >= 0) message = message[(idx + 11)..];
        else if (message.IndexOf("Caused by:", StringComparison.Ordinal) is var c and >= 0) message = message[(c + 10)..];
        var first = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return first.Length > 0 ? first : "trap (no message)";
    }

    private List<(string Module, string Name, byte Kind)> ReadImports(IntPtr module)
    {
        WasmVec vec = default;
        _api.wasm_module_imports(module, &vec);
        var count = _api.Count(&vec);
        var list = new List<(string, string, byte)>((int)count);
        var items = (IntPtr*)vec.Data;
        for (nuint i = 0; i < count; i++)
        {
            var it = items[i];
            list.Add((WasmCApi.Name(_api.wasm_importtype_module(it)), WasmCApi.Name(_api.wasm_importtype_name(it)), _api.wasm_externtype_kind(_api.wasm_importtype_type(it))));
        }
        _api.wasm_importtype_vec_delete(&vec);
        return list;
    }

    private List<string> ReadExportNames(IntPtr module)
    {
        WasmVec vec = default;
        _api.wasm_module_exports(module, &vec);
        var count = _api.Count(&vec);
        var list = new List<string>((int)count);
        for (nuint i = 0; i < count; i++) list.Add(WasmCApi.Name(_api.wasm_exporttype_name(((IntPtr*)vec.Data)[i])));
        _api.wasm_exporttype_vec_delete(&vec);
        return list;
    }

    private static string KindName(byte k) => k switch { 0 => "function", 1 => "global", 2 => "table", 3 => "memory", _ => $"extern of kind {k}" };

    private void DisposeStore()
    {
        for (var i = 0; i < _exportVecs.Count; i++)
        {
            var v = _exportVecs[i];
            _api.wasm_extern_vec_delete(&v);
        }
        _exportVecs.Clear();
        foreach (var i in _instances) _api.wasm_instance_delete(i);
        _instances.Clear();
        foreach (var m in _modules) _api.wasm_module_delete(m);
        _modules.Clear();
        _registry.Clear();
        if (_store != IntPtr.Zero) _api.wasm_store_delete(_store);
        _store = IntPtr.Zero;
    }

    public void Dispose()
    {
        _owner.Run(() =>
        {
            DisposeStore();
            _api.wasm_engine_delete(_engine);
        });
        _owner.Dispose();
    }
}
