namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// The phase-level contract of an in-process engine, after Sightglass's bench-api: compile bytes
/// to a module, make a store (WASI context + bench hooks, untimed set-up), instantiate the module
/// in it, run its entry point. The engine only does each step; <see cref="PhaseRecorder"/> times
/// them, so a phase means the same thing on every engine. Module faults are contract exceptions
/// (<see cref="ModuleRefusedException"/>, <see cref="GuestTrapException"/>) or an
/// <see cref="EntryOutcome"/>, never the engine's own exception types.
/// </summary>
public interface IPhaseEngine : IDisposable
{
    EngineCapabilities Capabilities { get; }

    /// <summary>The compile phase. Throws <see cref="ModuleRefusedException"/> for bytes it cannot compile.</summary>
    IEngineModule Compile(byte[] wasm, string name);

    /// <summary>A compiled module as bytes <see cref="Deserialize"/> loads (only with <see cref="EngineCapabilities.Precompiled"/>).</summary>
    byte[] Serialize(IEngineModule module) => throw new NotSupportedException("this engine cannot serialize modules");

    /// <summary>The compile phase of the precompiled variant: loading a serialized module.</summary>
    IEngineModule Deserialize(byte[] serialized, string name) => throw new NotSupportedException("this engine cannot load serialized modules");

    /// <summary>Untimed set-up of one instance's world: a store, the WASI context, bench.start/bench.end bound to <paramref name="hooks"/>.</summary>
    IEngineStore NewStore(WasiSpec wasi, BenchHooks hooks);
}

/// <summary>A compiled module; it may be instantiated many times (bursts).</summary>
public interface IEngineModule : IDisposable;

/// <summary>
/// One instance's store. Disposing it releases the instance and closes the WASI files, so the
/// recorder hashes stdout only after that.
/// </summary>
public interface IEngineStore : IDisposable
{
    /// <summary>
    /// The instantiate phase, entry-point lookup (<c>_start</c>, else <c>run</c>) included. Throws
    /// <see cref="ModuleRefusedException"/> (unknown import, no entry point) or
    /// <see cref="GuestTrapException"/> (a start function or data segment trapped).
    /// </summary>
    IEngineInstance Instantiate(IEngineModule module);
}

public interface IEngineInstance
{
    /// <summary>The execute phase: runs the entry point to its end, an exit or a trap.</summary>
    EntryOutcome RunEntry();

    /// <summary>Bytes of the exported "memory" now; null when there is none or the engine cannot say.</summary>
    long? LinearMemoryBytes { get; }
}
