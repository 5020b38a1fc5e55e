using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// Hidden: hosts an in-process engine inside a child process so that each sample
/// process is fresh (cold start) and a crash or hang is contained.
///   observatory worker wasmtime --settings cranelift+pooling --wasm F --scratch D [...] -- ARGS
///   observatory worker wasmc --library /path/libwasmtime.so --wasm F --scratch D [...] -- ARGS
///   observatory worker wasmc --probe --library /path/lib.so      (prints @probe {ok, message, version})
/// </summary>
public sealed class WorkerCommand : IRawCommand
{
    public string Name => "worker";

    public int ExecuteRaw(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count == 0)
        {
            context.Error.WriteLine("worker: needs an engine family (wasmtime or wasmc)");
            return 2;
        }
        var rest = args.Skip(1).ToList();
        try
        {
            switch (args[0])
            {
                case "wasmtime":
                {
                    var invocation = WorkerArguments.Decode(rest, out var extra);
                    var settings = WasmtimeSettings.Parse(extra.GetValueOrDefault("--settings") ?? "cranelift");
                    return WasmtimeWorker.Run(settings, invocation, context.Out);
                }
                case "wasmc":
                {
                    if (rest.Remove("--probe"))
                    {
                        var i = rest.IndexOf("--library");
                        if (i < 0 || i + 1 >= rest.Count) throw new ArgumentException("--probe needs --library PATH");
                        return WasmCWorker.Probe(rest[i + 1], context.Out);
                    }
                    var invocation = WorkerArguments.Decode(rest, out var extra);
                    var library = extra.GetValueOrDefault("--library") ?? throw new ArgumentException("worker wasmc needs --library PATH");
                    return WasmCWorker.Run(library, invocation, context.Out);
                }
                default:
                    context.Error.WriteLine($"worker: unknown engine family '{args[0]}' (known: wasmtime, wasmc)");
                    return 2;
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            context.Error.WriteLine($"worker {args[0]}: {e.Message}");
            return 2;
        }
    }
}
