using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory build`: the corpus to wasm and native.</summary>
public sealed class BuildCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _workloads = CliOptions.Text("--workloads", "GLOB", "only workloads whose name matches (e.g. 'nbody,sha*')");
    private readonly Option<string?> _variants = CliOptions.Text("--variants", "GLOB", "only variants whose name matches (e.g. 'O2')");
    private readonly Option<string?> _workloadDir = CliOptions.Text("--workload-dir", "DIR", "corpus root (default: workloads/ of the repository)");

    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print [{workload, variant, ok, cached, wasm, wasmBytes, wasmSha256, native, nativeSha256, error}] (the build log goes to stderr)");

    public BuildCommandLine() : base("build", "build the workload corpus to wasm and native (cached by content hash)") =>
        Declare(_workloads, _variants, _workloadDir, _json);

    public override string Notes => "Artifacts go to results/artifacts/NAME/VARIANT-HASH/. Exit code 1 if any build failed.";

    public override int Execute(ParseResult parse, CommandContext context) =>
        new BuildCommand().Execute(new WorkloadSelection(parse.GetValue(_workloads), parse.GetValue(_variants), parse.GetValue(_workloadDir)), parse.GetValue(_json), context);
}
