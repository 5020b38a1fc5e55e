namespace Observatory.Core.Runs;

/// <summary>
/// The summary of one (workload, variant, engine) cell of a run: its outcome and,
/// when every sample was ok, the median headline time with a 95% CI and the
/// ratio to native (with its CI) where a native baseline ran. Beside it: the cold
/// start (a fresh process, end to end), CPU time, memory, the instruction count when
/// it was measured, and the harness overhead of this engine in this run (the noop
/// workload's phases) so nobody mistakes harness time for runtime time.
/// </summary>
public sealed record Cell
{
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string Engine { get; init; }
    public required Outcome Outcome { get; init; }
    /// <summary>Samples behind <see cref="MedianNs"/> (warm ones when the engine has any).</summary>
    public required int Samples { get; init; }
    public double? MedianNs { get; init; }
    public double? CiLowNs { get; init; }
    public double? CiHighNs { get; init; }
    public double? RatioToNative { get; init; }
    public double? RatioCiLow { get; init; }
    public double? RatioCiHigh { get; init; }
    public double? MedianCompileNs { get; init; }
    public double? MedianInstantiateNs { get; init; }
    public string? Message { get; init; }
    /// <summary>The failing sample's guest stderr tail (trap, timeout, crash, wrong output).</summary>
    public string? StderrTail { get; init; }
    /// <summary>The failing sample's unified diff of expected against actual output.</summary>
    public string? OutputDiff { get; init; }

    /// <summary>Engine processes the cell ran (each one cold-started).</summary>
    public int Processes { get; init; }
    /// <summary>Why sampling stopped: ci-target, budget, max-processes, fixed, failed.</summary>
    public string? StopReason { get; init; }
    /// <summary>
    /// True when the 95% CI of the median reached the run's target (±2% by default), on the
    /// clock the stop rule uses: CPU time where the engine reports it, else wall time.
    /// </summary>
    public bool CiTargetMet { get; init; }

    /// <summary>Median CPU time of the headline span, with its 95% CI.</summary>
    public double? MedianCpuNs { get; init; }
    public double? CpuCiLowNs { get; init; }
    public double? CpuCiHighNs { get; init; }

    /// <summary>Cold start: median end-to-end time of a fresh process (one sample per process), with its CI.</summary>
    public double? ColdTotalMedianNs { get; init; }
    public double? ColdTotalCiLowNs { get; init; }
    public double? ColdTotalCiHighNs { get; init; }
    /// <summary>Median phases of the cold (first) iteration of each process.</summary>
    public double? ColdExecuteMedianNs { get; init; }

    /// <summary>Median and largest peak RSS over the cell's processes.</summary>
    public double? MedianPeakRssKb { get; init; }
    public long? MaxPeakRssKb { get; init; }
    /// <summary>Largest linear memory at exit over the cell's iterations, where the engine reports it.</summary>
    public long? MaxLinearMemoryBytes { get; init; }

    /// <summary>Median instruction count of the execute phase (callgrind), when measured.</summary>
    public double? MedianInstructions { get; init; }

    /// <summary>The harness's own cost on this engine in this run (noop workload), per phase.</summary>
    public PhaseOverhead? Overhead { get; init; }
}
