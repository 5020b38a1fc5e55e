using System.CommandLine;
using System.CommandLine.Parsing;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory run`: the corpus (or one module of the user's) on engines, measured, verified and stored.</summary>
public sealed class RunCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _workloads = CliOptions.Text("--workloads", "GLOB", "workloads to run (default: all)");
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB",
        "engine ids to run (default: every ready engine; see `observatory runtimes`); "
        + "wasmc:/path/to/lib.so adds any wasm.h library (libwasmer.so, libiwasm.so)");
    private readonly Option<string?> _arch = CliOptions.Text("--arch", "LIST", ArchOption.Description);
    private readonly Option<string?> _ab = CliOptions.Text("--ab", "BASE,HEAD",
        "an A/B run instead of --engines: two engines (ids, globs naming one each, or runtimes.toml CLIs, e.g. two builds of "
        + "a runtime) measured in the same rounds, A B B A, adding rounds until the 95% CI of the paired HEAD/BASE ratio is within "
        + "±--ci-target (default ±1% here; 6-60 rounds, 90 s per engine unless given); `compare RUN` then judges HEAD against BASE");
    private readonly Option<string?> _reference = CliOptions.Text("--reference", "ENGINE",
        "the engine each sample is divided by in the same round, stored as the normalized metric (default: native)");
    private readonly Option<string?> _variants = CliOptions.Text("--variants", "GLOB", "build variants to run (default: all)");
    private readonly Option<string?> _profile = CliOptions.Text("--profile", "quick|standard",
        "quick (default) or standard: argument sizes and the sampling defaults below");
    private readonly Option<string?> _shard = CliOptions.Text("--shard", "I/N",
        "run only the I-th of N parts of the selected workloads (sorted by name, dealt round-robin; every engine of a workload "
        + "stays in its part), for parallel CI jobs; a part with no workload runs nothing and exits 0");
    private readonly Option<string?> _label = CliOptions.Text("--label", "TEXT", "a name for this run, usable in compare (e.g. a branch or commit)");
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {runId, protocol, overhead, cells: [{workload, variant, engine, outcome, medianNs, ciLowNs, ciHighNs, ratioToNative, "
        + "medianCpuNs, coldTotalMedianNs, maxPeakRssKb, overhead: {...}, ...}]}");
    private readonly Option<bool> _wide = CliOptions.Flag("--wide",
        "the full summary table: cpu, cold start, peak RSS, overhead and stop reason beside the median, CI and ratio "
        + "the default (120-column) summary shows");
    private readonly Option<bool> _noSandbox = CliOptions.Flag("--no-sandbox",
        "run engine processes on the host, not in bubblewrap (they still die with the observatory); "
        + "needed for --wasm when bubblewrap is missing");
    private readonly Option<bool> _strict = CliOptions.Flag("--strict", "exit 1 when any cell is not ok");
    private readonly Option<string?> _workloadDir = CliOptions.Text("--workload-dir", "DIR", "corpus root (default: workloads/ of the repository)");

    private readonly Option<string?> _wasm = CliOptions.Text("--wasm", "FILE|DIR",
        "run any core wasm module as a workload named after its file (ARGS after --); bench.start/bench.end imports, if any, are timed "
        + "as the region. DIR: a Sightglass benchmark directory (benchmark.wasm, *.input, *.stdout.expected, *.stderr.expected), "
        + "or a tree of them, each one workload");
    private readonly Option<string?> _stdin = CliOptions.Text("--stdin", "FILE", "with --wasm: its stdin");
    private readonly Option<string?> _dir = CliOptions.Text("--dir", "HOST", "with --wasm: a directory preopened as \"/\" (HOST or HOST::/)");
    private readonly Option<string?> _expectStdout = CliOptions.Text("--expect-stdout", "FILE",
        "with --wasm FILE: check stdout against this file (otherwise outputs are recorded, unverified)");
    private readonly Option<string?> _expectStderr = CliOptions.Text("--expect-stderr", "FILE", "with --wasm FILE: check the module's stderr against this file");
    private readonly Option<string?> _compare = CliOptions.Text("--compare", "lines|bytes",
        "with --wasm: how outputs meet expected files: lines (same lines; a final newline more or less is no difference; "
        + "the default for benchmark directories) or bytes (identical; the default for --expect-stdout/--expect-stderr)");
    private readonly Option<string?> _name = CliOptions.Text("--name", "NAME", "with --wasm: the workload name (default: adhoc-FILE, or adhoc-DIR for a benchmark directory)");
    private readonly Argument<string[]> _moduleArguments = new("ARGS")
    {
        Description = "after --: the arguments of the --wasm module", Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<double?> _ciTarget = CliOptions.Number("--ci-target", "F",
        "stop a cell when the 95% CI of its median is within ±F (default 0.02 = ±2%; with --ab: of the paired ratio, default 0.01)");
    private readonly Option<double?> _budget = CliOptions.Number("--budget", "SECONDS",
        "...or when it has used this much measured time, even below --min-processes (quick 8, standard 15)");
    private readonly Option<int?> _minProcesses = CliOptions.Integer("--min-processes", "N", "processes per cell at least, while the budget lasts (quick 3, standard 5)");
    private readonly Option<int?> _maxProcesses = CliOptions.Integer("--max-processes", "N",
        "processes per cell at most (quick 15, standard 40); equal to min = fixed count");
    private readonly Option<int?> _iterations = CliOptions.Integer("--iterations", "N",
        "iterations per engine process, the cold one included (quick 3, standard 6)");
    private readonly Option<int?> _warmup = CliOptions.Integer("--warmup", "N",
        "warm-up iterations after the cold one, left out of statistics (quick 0, standard 1)");
    private readonly Option<string?> _pin = CliOptions.Text("--pin", "CPUS",
        "pin the observatory and every engine process to these CPUs (taskset; e.g. 1 or 0-1)");
    private readonly Option<string?> _measure = CliOptions.Text("--measure", "WHAT",
        "time (default), instructions (valgrind callgrind: native, Wasmtime, wasm.h engine), or both: time,instructions");
    private readonly Option<bool> _noOverhead = CliOptions.Flag("--no-overhead", "skip the noop workload that measures each engine's harness overhead");

    public RunCommandLine() : base("run", "build and run workloads on engines, verify outputs, store the results")
    {
        _profile.CompletionSources.Add("quick", "standard");
        _measure.CompletionSources.Add("time", "instructions", "time,instructions");
        _compare.CompletionSources.Add("lines", "bytes");
        Arguments.Add(_moduleArguments);
        Declare(_workloads, _engines, _arch, _ab, _reference, _variants, _shard, _profile, _label, _json, _wide, _strict, _workloadDir,
            _wasm, _stdin, _dir, _expectStdout, _expectStderr, _compare, _name,
            _ciTarget, _budget, _minProcesses, _maxProcesses, _iterations, _warmup, _pin, _measure, _noOverhead, _noSandbox);
    }

    public override string Notes => """
        Bring your own module:
          observatory run --wasm FILE [--name NAME] [--stdin FILE] [--dir HOST] [--expect-stdout FILE] [--expect-stderr FILE]
                          [--compare lines|bytes] [-- ARGS]
          runs any core wasm module as an ad-hoc workload; everything after -- goes to the module.
          observatory run --wasm DIR   a Sightglass benchmark directory, or every one below DIR: inputs are copied
          into the preopened root, stdout and stderr checked against the *.expected files (by lines unless --compare bytes).
          The module's sha256 is part of its identity: compare never judges two different modules under one name.
        Sampling: each cell runs engine processes in rounds, engines interleaved A B A B; each process
          runs one cold iteration, then warm-ups, then warm samples; native runs one process per sample.
          A cell stops at --ci-target or --budget, within --min-processes .. --max-processes processes
          (an A/B pair stops together, at the CI target of its paired head/base ratio).
        Writes a run bundle to results/runs/RUN-ID/ and ingests it into the database (--db).
        """;

    public override int Execute(ParseResult parse, CommandContext context) =>
        new RunCommand().Execute(new RunSettings
        {
            Selection = new WorkloadSelection(parse.GetValue(_workloads), parse.GetValue(_variants), parse.GetValue(_workloadDir)),
            Database = GlobalOptions.DatabasePath(parse, context),
            Engines = parse.GetValue(_engines),
            Arch = parse.GetValue(_arch),
            Ab = parse.GetValue(_ab),
            Reference = parse.GetValue(_reference),
            Profile = parse.GetValue(_profile),
            Label = parse.GetValue(_label),
            Shard = parse.GetValue(_shard),
            Json = parse.GetValue(_json),
            Wide = parse.GetValue(_wide),
            Strict = parse.GetValue(_strict),
            Wasm = parse.GetValue(_wasm),
            Stdin = parse.GetValue(_stdin),
            Dir = parse.GetValue(_dir),
            ExpectStdout = parse.GetValue(_expectStdout),
            ExpectStderr = parse.GetValue(_expectStderr),
            Compare = parse.GetValue(_compare),
            Name = parse.GetValue(_name),
            ModuleArguments = ModuleArguments(parse),
            CiTarget = parse.GetValue(_ciTarget),
            BudgetSeconds = parse.GetValue(_budget),
            MinProcesses = parse.GetValue(_minProcesses),
            MaxProcesses = parse.GetValue(_maxProcesses),
            Iterations = parse.GetValue(_iterations),
            Warmup = parse.GetValue(_warmup),
            Pin = parse.GetValue(_pin),
            Measure = parse.GetValue(_measure),
            NoOverhead = parse.GetValue(_noOverhead),
            NoSandbox = parse.GetValue(_noSandbox),
        }, context);

    /// <summary>
    /// The module's arguments: only what follows `--`. A stray word before it is a mistake
    /// (a forgotten option name, most likely), not an argument for the module.
    /// </summary>
    private string[] ModuleArguments(ParseResult parse)
    {
        var given = parse.GetValue(_moduleArguments) ?? [];
        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Count(t => t.Type == TokenType.Argument);
        if (given.Length > afterDoubleDash)
            throw new UsageException($"unexpected argument '{given[0]}' (the module's arguments go after --)");
        return given;
    }
}
