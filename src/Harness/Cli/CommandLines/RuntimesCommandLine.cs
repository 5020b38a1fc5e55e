using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory runtimes`: the engine catalog with each configuration's status.</summary>
public sealed class RuntimesCommandLine : ObservatoryCommand
{
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print [{id, family, version, tier, flags, source, status, reason, native, wasi, isa, emulated, architecture}]");
    private readonly Option<string?> _arch = CliOptions.Text("--arch", "LIST",
        "only engines of these instruction sets (x86_64, aarch64, s390x, ppc64le, armv7l; default: every ISA)");
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB",
        "only configurations whose id matches (e.g. 'wasmtime*,node*'); wasmc:/path/to/lib.so probes any wasm.h library");

    public RuntimesCommandLine() : base("runtimes", "list engine configurations and whether each is ready") => Declare(_json, _engines, _arch);

    public override int Execute(ParseResult parse, CommandContext context) =>
        new RuntimesCommand().Execute(parse.GetValue(_engines), parse.GetValue(_json), context, ArchOption.Parse(parse.GetValue(_arch)) ?? ["all"]);
}
