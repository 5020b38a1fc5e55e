using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory runtimes`: the engine catalog with each configuration's status.</summary>
public sealed class RuntimesCommandLine : ObservatoryCommand
{
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print [{id, family, version, tier, flags, source, status, reason, native, wasi}]");
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB",
        "only configurations whose id matches (e.g. 'wasmtime*,node*'); wasmc:/path/to/lib.so probes any wasm.h library");

    public RuntimesCommandLine() : base("runtimes", "list engine configurations and whether each is ready") => Declare(_json, _engines);

    public override int Execute(ParseResult parse, CommandContext context) =>
        new RuntimesCommand().Execute(parse.GetValue(_engines), parse.GetValue(_json), context);
}
