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

    public int ExecuteRaw(IReadOnlyList<string> args, CommandContext context)
    {
        string? engine = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--engine" && i + 1 < args.Count) engine = args[++i];
            else if (args[i].StartsWith("--engine=", StringComparison.Ordinal)) engine = args[i]["--engine=".Length..];
            else
            {
                context.Error.WriteLine($"conformance-worker: unexpected argument '{args[i]}' (usage: conformance-worker --engine NAME)");
                return 2;
            }
        }
        return SpecWorkerProtocol.Serve(engine ?? "wasmtime", Console.In, context.Out);
    }
}
