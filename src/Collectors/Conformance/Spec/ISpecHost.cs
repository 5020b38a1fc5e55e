namespace Observatory.Collectors.Conformance.Spec;

/// <summary>Why an engine refused or stopped: the classes the script's assertions distinguish.</summary>
public enum SpecFailureKind
{
    /// <summary>The module was rejected when compiled (invalid or malformed binary).</summary>
    Rejected,
    /// <summary>Instantiation failed to link (unknown import, incompatible import type).</summary>
    Unlinkable,
    /// <summary>A trap (during instantiation: start function, segment initialisation; or during a call).</summary>
    Trap,
    /// <summary>The call stack was exhausted.</summary>
    Exhaustion,
    /// <summary>An uncaught WebAssembly exception escaped the call.</summary>
    Exception,
    /// <summary>The host cannot express this (e.g. a value its API cannot create).</summary>
    Unsupported,
    /// <summary>The assertion cannot be put through this host's interface at all (v128 through wasm.h).</summary>
    NotApplicable,
    /// <summary>The harness misused the engine (no such export, wrong argument count).</summary>
    Harness,
}

public sealed class SpecFailure(SpecFailureKind kind, string message) : Exception(message)
{
    public SpecFailureKind Kind { get; } = kind;
}

/// <summary>A compiled module, owned by the host that made it.</summary>
public interface ISpecModule;

/// <summary>An instance, owned by the host that made it.</summary>
public interface ISpecInstance;

/// <summary>
/// One in-process engine seen by the spec runner. The runner owns the script logic
/// (which module is current, what an assertion expects); a host only compiles,
/// instantiates, registers and calls, throwing <see cref="SpecFailure"/> for every
/// failure a script can expect. A new in-process engine is one class implementing this,
/// plus one line in <see cref="InProcessSpecEngines"/>.
/// </summary>
public interface ISpecHost : IDisposable
{
    /// <summary>Starts a new script: a fresh store with the "spectest" module registered.</summary>
    void Reset();

    ISpecModule Compile(byte[] wasm);

    ISpecInstance Instantiate(ISpecModule module);

    void Register(byte[] name, ISpecInstance instance);

    IReadOnlyList<WasmValue> Invoke(ISpecInstance instance, byte[] field, IReadOnlyList<WasmValue> args);

    WasmValue Get(ISpecInstance instance, byte[] field);
}
