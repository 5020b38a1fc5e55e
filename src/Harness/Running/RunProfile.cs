using System.Globalization;
using Observatory.Core.Runs;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Running;

/// <summary>
/// How much sampling a run does. Each engine process runs <see cref="Iterations"/>
/// iterations: the first is the cold sample, the next <see cref="WarmupIterations"/>
/// are warm-ups (stored, never in a statistic), the rest are warm samples. Processes
/// per cell are interleaved across engines (A B A B) so drift hits all engines alike,
/// and adapt: at least <see cref="Processes"/>, then more until the 95% CI of the
/// median is within ±<see cref="CiTarget"/>, <see cref="Budget"/> of measured time is
/// spent on the cell, or <see cref="MaxProcesses"/> is reached.
/// </summary>
/// <param name="Processes">The minimum number of engine processes per cell.</param>
public sealed record RunProfile(string Name, int Processes, int Iterations, TimeSpan Timeout)
{
    /// <summary>Upper bound on processes per cell; equal to <see cref="Processes"/> means a fixed count.</summary>
    public int MaxProcesses { get; init; } = Processes;

    public int WarmupIterations { get; init; }

    /// <summary>Stop sampling a cell once its median's 95% CI is within ± this fraction (0.02 = ±2%).</summary>
    public double CiTarget { get; init; } = 0.02;

    /// <summary>Measured time (process wall time) a cell may use before sampling stops anyway.</summary>
    public TimeSpan Budget { get; init; } = TimeSpan.FromMinutes(10);

    public int MinProcesses => Processes;

    /// <summary>Sampling options the user gave on the command line: a workload's own [sampling] never overrides these.</summary>
    public IReadOnlySet<string> FromCommandLine { get; init; } = new HashSet<string>();

    /// <summary>
    /// This profile as one workload samples it: the workload's [sampling] bounds replace the
    /// profile's, except where the command line set the option. Warm-ups shrink if the
    /// workload's iterations would leave no warm sample.
    /// </summary>
    public RunProfile For(WorkloadSampling s)
    {
        if (s.IsEmpty) return this;
        bool Own(string option) => !FromCommandLine.Contains(option);
        var min = s.MinProcesses is { } mn && Own("--min-processes") ? mn : Processes;
        var max = s.MaxProcesses is { } mx && Own("--max-processes") ? mx : Math.Max(min, MaxProcesses);
        var iterations = s.Iterations is { } i && Own("--iterations") ? i : Iterations;
        return this with
        {
            Processes = min,
            MaxProcesses = Math.Max(min, max),
            Iterations = iterations,
            WarmupIterations = Math.Min(WarmupIterations, Math.Max(0, iterations - 2)),
            Budget = s.BudgetSeconds is { } b && Own("--budget") ? TimeSpan.FromSeconds(b) : Budget,
            Timeout = s.TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : Timeout,
        };
    }

    public bool IsAdaptive => MaxProcesses > Processes;

    /// <summary>An A/B run's default CI target: the paired ratio to ±1%, so a 3% change clears a 2% threshold.</summary>
    public const double AbCiTarget = 0.01;

    /// <summary>
    /// An A/B run's least rounds: below six, no signed-rank test can reach p &lt; 0.05 (all six
    /// rounds one way give 2/64), so a run that stopped earlier could never be called Slower.
    /// </summary>
    public const int AbMinRounds = 6;

    /// <summary>An A/B run's default most rounds and budget per engine: enough to resolve 3% where a round's ratio spreads by ±3%.</summary>
    public const int AbMaxRounds = 60;
    public static readonly TimeSpan AbBudget = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The bounds of an A/B run (`run --ab`): its stop rule aims at the paired ratio
    /// (<see cref="AbStopRule"/>), which needs more rounds and a tighter target than one
    /// engine's median; each bound the user gave on the command line stays as given.
    /// </summary>
    public RunProfile ForAb()
    {
        bool Given(string option) => FromCommandLine.Contains(option);
        var min = Given("--min-processes") ? Processes : Math.Max(Processes, AbMinRounds);
        return this with
        {
            Processes = min,
            MaxProcesses = Given("--max-processes") ? MaxProcesses : Math.Max(min, Math.Max(MaxProcesses, AbMaxRounds)),
            CiTarget = Given("--ci-target") ? CiTarget : AbCiTarget,
            Budget = Given("--budget") || Budget > AbBudget ? Budget : AbBudget,
        };
    }

    /// <summary>
    /// An A/B run of two runtime CLIs, where every iteration is a process of its own: one
    /// iteration per slot (unless --iterations was given), so a round is one base process
    /// and one head process back to back. With three a slot took three processes, the first
    /// left out as cold, and the two engines' processes of a round lay 2-3 s apart: on the
    /// shared machine a contention burst of a few seconds (memory-bound jacobi-2d's CPU time
    /// up 25% in four rounds' base slots) fell on one engine only. A cold CLI process is what
    /// a CLI user runs anyway, so none is dropped, and the same budget buys three times the rounds.
    /// </summary>
    public RunProfile ForAbOfProcesses() => FromCommandLine.Contains("--iterations") ? this : this with
    {
        Iterations = 1,
        WarmupIterations = 0,
        // A workload's own [sampling] iterations must not bring the slot back to several processes.
        FromCommandLine = new HashSet<string>(FromCommandLine) { "--iterations" },
    };

    /// <summary>
    /// quick: 3 to 15 processes of 3 iterations (1 cold + 2 warm), 8 s per cell: 3 kernels
    /// on 3 engines in about two minutes on 2 cores. standard: 5 to 40 processes of 6
    /// iterations (1 cold + 1 warm-up + 4 warm), 15 s per cell: the nightly's shards hold
    /// about 90 cells each (a few workloads on every engine), so a cell's time is what bounds
    /// a shard's hour; inputs of 0.4 to 1 s natively give a cell 2 to 5 processes in it.
    /// </summary>
    public static RunProfile Quick { get; } = new("quick", 3, 3, TimeSpan.FromSeconds(120))
    {
        MaxProcesses = 15, WarmupIterations = 0, CiTarget = 0.02, Budget = TimeSpan.FromSeconds(8),
    };

    public static RunProfile Standard { get; } = new("standard", 5, 6, TimeSpan.FromSeconds(300))
    {
        MaxProcesses = 40, WarmupIterations = 1, CiTarget = 0.02, Budget = TimeSpan.FromSeconds(15),
    };

    public static RunProfile Parse(string name) => name switch
    {
        "quick" => Quick,
        "standard" => Standard,
        _ => throw new Cli.UsageException($"unknown profile '{name}' (known: quick, standard)"),
    };

    /// <summary>Checks the bounds, naming the option a user would set to fix each.</summary>
    public RunProfile Validate()
    {
        if (Processes < 1) throw new Cli.UsageException($"--min-processes must be at least 1 (got {Processes})");
        if (MaxProcesses < Processes)
            throw new Cli.UsageException($"--max-processes ({MaxProcesses}) must be at least --min-processes ({Processes})");
        if (Iterations < 1) throw new Cli.UsageException($"--iterations must be at least 1 (got {Iterations})");
        if (WarmupIterations < 0 || WarmupIterations > 0 && Iterations - 1 - WarmupIterations < 1)
            throw new Cli.UsageException($"--warmup ({WarmupIterations}) must leave at least one warm iteration of the {Iterations} per process (--iterations)");
        if (!(CiTarget > 0 && CiTarget < 1))
            throw new Cli.UsageException($"--ci-target must be a fraction between 0 and 1, e.g. 0.02 for ±2% (got {CiTarget.ToString(CultureInfo.InvariantCulture)})");
        if (Budget <= TimeSpan.Zero)
            throw new Cli.UsageException($"--budget must be a positive number of seconds (got {Budget.TotalSeconds.ToString(CultureInfo.InvariantCulture)})");
        return this;
    }

    public RunProtocol ToProtocol(string? pinnedCpus, IEnumerable<Measure> measures, string? overheadWorkload) => new()
    {
        MinProcesses = Processes,
        MaxProcesses = MaxProcesses,
        Iterations = Iterations,
        WarmupIterations = WarmupIterations,
        CiTarget = CiTarget,
        BudgetSeconds = Budget.TotalSeconds,
        TimeoutSeconds = Timeout.TotalSeconds,
        PinnedCpus = pinnedCpus,
        Measures = measures.Select(m => m.ToWire()).ToList(),
        OverheadWorkload = overheadWorkload,
    };
}
