namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// What an in-process engine can do beyond compile / instantiate / run, so the recorder (and the
/// harness) ask instead of guessing from the engine's type. A capability an engine lacks is an
/// <c>unsupported</c> outcome carrying the engine's reason, never a silent gap.
/// </summary>
public sealed record EngineCapabilities
{
    /// <summary>Null: serves a burst (<c>requests = N</c>: one module, N fresh instances). Else why not.</summary>
    public string? BurstsUnsupported { get; init; }

    /// <summary>Can serialize a compiled module and load it back (the <c>+precompiled</c> variant).</summary>
    public bool Precompiled { get; init; }

    /// <summary>Reports the bytes of the exported linear memory ("memory") after a run.</summary>
    public bool LinearMemory { get; init; } = true;

    /// <summary>The module runs on the calling thread, so the thread CPU clock measures it (and its host calls).</summary>
    public bool ThreadCpuClock { get; init; } = true;

    /// <summary>
    /// The native symbol that runs the entry point (callgrind's <c>--toggle-collect</c>), when the
    /// engine's instructions can be counted under valgrind; null when they cannot.
    /// </summary>
    public string? InstructionCountSymbol { get; init; }

    /// <summary>The worker process can be wrapped by another program (valgrind, perf) unchanged.</summary>
    public bool ProcessWrapping { get; init; } = true;
}
