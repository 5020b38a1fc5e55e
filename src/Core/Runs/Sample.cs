namespace Observatory.Core.Runs;

/// <summary>
/// One measured execution of a workload on an engine. Phase times are null when the
/// engine cannot separate that phase (native code has no compile phase at run time).
/// <c>Process</c> numbers the OS process the sample ran in; <c>Iteration</c> 0 of a
/// process is its cold sample, later iterations are warm unless flagged
/// <see cref="Warmup"/> (run to let the engine settle, stored but left out of statistics).
/// </summary>
public sealed record Sample
{
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    public required int Process { get; init; }
    public required int Iteration { get; init; }
    public required Outcome Outcome { get; init; }
    public long? CompileNs { get; init; }
    public long? InstantiateNs { get; init; }
    public long? ExecuteNs { get; init; }
    public long? RegionNs { get; init; }
    /// <summary>
    /// Each bench.start/bench.end span in call order (the workload's named regions);
    /// <see cref="RegionNs"/> is their sum. Null when the module marks no region.
    /// </summary>
    public IReadOnlyList<long>? RegionsNs { get; init; }
    public long? TotalNs { get; init; }
    public long? PeakRssKb { get; init; }
    public int? ExitCode { get; init; }
    public string? StdoutSha256 { get; init; }
    public string? Message { get; init; }

    /// <summary>
    /// The last ~2 KiB the guest wrote to stderr, kept with every trap, timeout, crash and wrong
    /// output: a failing assertion inside the module says what failed. Null for ok samples.
    /// </summary>
    public string? StderrTail { get; init; }

    /// <summary>A short unified diff of expected against actual output, for wrong output checked against files.</summary>
    public string? OutputDiff { get; init; }

    /// <summary>A warm-up iteration: measured and stored, never part of a statistic.</summary>
    public bool Warmup { get; init; }

    /// <summary>
    /// CPU time spent over the headline span (the region when the module marks one, else
    /// execution): unlike wall time it does not grow while other processes hold the CPU,
    /// which makes it the steadier number on shared machines.
    /// </summary>
    public long? CpuNs { get; init; }

    /// <summary>Size of the module's exported linear memory when it finished, where the engine can say.</summary>
    public long? LinearMemoryBytes { get; init; }

    /// <summary>What this row measured: times (every phase above) or instructions (<see cref="Instructions"/>, under callgrind).</summary>
    public Measure Measure { get; init; } = Measure.Time;

    /// <summary>Instructions executed by the execute phase, counted by valgrind's callgrind (deterministic).</summary>
    public long? Instructions { get; init; }

    /// <summary>
    /// The sampling round this sample ran in (every cell gets one slot per round), so samples
    /// measured close together in time can be paired; null for instruction counts and old runs.
    /// </summary>
    public int? Round { get; init; }

    /// <summary>
    /// This sample's time divided by the reference engine's median time for the same workload
    /// variant in the same round (see <see cref="Normalization"/>): machine drift between runs
    /// hits both and cancels. Null for the reference engine itself, failed samples, and rounds
    /// without a reference sample.
    /// </summary>
    public double? Normalized { get; init; }

    public bool IsCold => Iteration == 0;

    /// <summary>A steady-state sample: not the cold first iteration and not a warm-up.</summary>
    public bool IsWarm => !IsCold && !Warmup;

    /// <summary>The time that ranks engines: the marked region when the module has one, else execution.</summary>
    public long? HeadlineNs => RegionNs ?? ExecuteNs;

    public long? Get(Phase phase) => phase switch
    {
        Phase.Compile => CompileNs,
        Phase.Instantiate => InstantiateNs,
        Phase.Execute => ExecuteNs,
        Phase.Region => RegionNs,
        Phase.Total => TotalNs,
        _ => null,
    };
}
