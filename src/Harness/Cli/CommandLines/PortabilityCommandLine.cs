using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory portability`: the corpus once per ISA and engine, every output judged against x86_64.</summary>
public sealed class PortabilityCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _workloads = CliOptions.Text("--workloads", "GLOB", "workloads to run (default: all)");
    private readonly Option<string?> _variants = CliOptions.Text("--variants", "GLOB", "build variants to run (default: all)");
    private readonly Option<string?> _workloadDir = CliOptions.Text("--workload-dir", "DIR", "corpus root (default: workloads/ of the repository)");
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB",
        $"engine ids judged on every ISA (default {PortabilityCommand.DefaultEngines}: native-ISA is the cross-compiled native baseline)");
    private readonly Option<string?> _arch = CliOptions.Text("--arch", "LIST",
        "instruction sets: x86_64, aarch64, s390x, ppc64le, armv7l, comma-separated (default: all)");
    private readonly Option<string?> _profile = CliOptions.Text("--profile", "quick|standard", "argument sizes (default quick)");
    private readonly Option<int?> _jobs = CliOptions.Integer("--jobs", "N", "engine processes at a time (default 2)");
    private readonly Option<double?> _timeout = CliOptions.Number("--timeout", "SECONDS",
        "per engine process (default 20), multiplied by 25 under emulation: the matrix checks answers, so slow inputs may time out");
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {runId, wallSeconds, divergences, cells: [{workload, variant, engine, isa, emulated, verdict, message, reference, firstDifference, expectedBytes, actualBytes}]}");

    public PortabilityCommandLine() : base("portability", "the corpus once per ISA and engine (qemu-user), every output judged against x86_64") =>
        Declare(_workloads, _variants, _workloadDir, _engines, _arch, _profile, _jobs, _timeout, _json);

    public override string Notes => """
        Verdicts: agree (the same stdout bytes as the x86_64 reference: native, or a wasm engine for workloads
        without a native build), wrong-output (with the first differing bytes), trap, unsupported, timeout, crash.
        Emulated timings are stored in the portability table (--db) but are never performance data.
        """;

    public override int Execute(ParseResult parse, CommandContext context) =>
        new PortabilityCommand().Execute(new PortabilitySettings
        {
            Selection = new WorkloadSelection(parse.GetValue(_workloads), parse.GetValue(_variants), parse.GetValue(_workloadDir)),
            Database = GlobalOptions.DatabasePath(parse, context),
            Engines = parse.GetValue(_engines),
            Arch = parse.GetValue(_arch),
            Profile = parse.GetValue(_profile),
            Jobs = parse.GetValue(_jobs),
            TimeoutSeconds = parse.GetValue(_timeout),
            Json = parse.GetValue(_json),
        }, context);
}
