using Observatory.Collectors.Conformance.Spec;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// Hidden: hosts an in-process engine for the spec suite in a child process, reading one
/// file request per line on stdin and streaming results on stdout (see SpecWorkerProtocol),
/// so a crash or a hang costs one assertion, not the run.
/// `observatory conformance-worker --engine wasmtime`
/// </summary>
public sealed class ConformanceWorkerCommand : IRawCommand
{
    public string Name => "conformance-worker";
    public string Summary => "(internal) run spec scripts on an in-process engine for `conformance`";
    public string Usage => "observatory conformance-worker --engine NAME   (reads {\"path\",\"name\",\"skip\"} lines on stdin)";
    public IReadOnlyCollection<string> ValueOptions => ["--engine"];
    public IReadOnlyCollection<string> FlagOptions => [];
    public bool Hidden => true;

    public int Execute(CommandArgs args, CommandContext context) =>
        SpecWorkerProtocol.Serve(args.Value("--engine") ?? "wasmtime", Console.In, context.Out);

    public int ExecuteRaw(IReadOnlyList<string> args, CommandContext context)
    {
        var parsed = CommandArgs.Parse(args, ValueOptions, FlagOptions);
        return Execute(parsed, context);
    }
}
