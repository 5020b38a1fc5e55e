using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// Hidden: hosts an in-process engine inside a child process so that each sample
/// process is fresh (cold start) and a crash or hang is contained.
/// `observatory worker wasmtime --settings cranelift+pooling --wasm F --scratch D [...] -- ARGS`
/// </summary>
public sealed class WorkerCommand : IRawCommand
{
    public string Name => "worker";
    public string Summary => "(internal) host an in-process engine in a child process";
    public string Usage => "observatory worker wasmtime --settings TIER[+opt-LEVEL][+pooling][+precompiled] --wasm FILE --scratch DIR [--iterations N] [--stdin F] [--env K=V] [--dir HOST::GUEST] -- ARGS";
    public IReadOnlyCollection<string> ValueOptions => [];
    public IReadOnlyCollection<string> FlagOptions => [];
    public bool Hidden => true;

    public int Execute(CommandArgs args, CommandContext context) => ExecuteRaw([.. args.Positional], context);

    public int ExecuteRaw(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0) throw new UsageException("worker needs an engine family");
        var invocation = WorkerArguments.Decode(args.Skip(1).ToList(), out var extra);
        switch (args[0])
        {
            case "wasmtime":
                var settings = WasmtimeSettings.Parse(extra.GetValueOrDefault("--settings") ?? "cranelift");
                return WasmtimeWorker.Run(settings, invocation, context.Out);
            default:
                context.Error.WriteLine($"worker: unknown engine family '{args[0]}'");
                return 2;
        }
    }
}
