using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Worker;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// Hidden: hosts an in-process engine inside a child process so that each sample process is fresh
/// (cold start) and a crash or hang is contained. One entry for every family: a typed JSON request
/// (<see cref="WorkerRequest"/>: family, settings, invocation, or a probe) read from a file or stdin,
///   observatory worker --request FILE        (FILE "-" = stdin)
/// served by the family's <see cref="IWorkerHost"/> from <see cref="EngineFamilies"/>. Protocol lines go
/// to the request's report file when it names one (what engines do), else to stdout.
/// </summary>
public sealed class WorkerCommand : IRawCommand
{
    public string Name => "worker";

    public int ExecuteRaw(IReadOnlyList<string> args, CommandContext context)
    {
        if (args.Count != 2 || args[0] != "--request")
        {
            context.Error.WriteLine($"worker: expected --request FILE (a JSON worker request; - reads stdin), got '{string.Join(' ', args)}'");
            return 2;
        }
        var source = args[1];
        try
        {
            var json = source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source);
            var request = WorkerRequest.FromJson(json);
            var family = EngineFamilies.Named(request.Family);
            if (family?.Worker is not { } host)
            {
                context.Error.WriteLine($"worker: request {source}: unknown engine family '{request.Family}' (known: {string.Join(", ", EngineFamilies.WorkerFamilies)})");
                return 2;
            }
            if (request.ReportPath is null) return host.Serve(request, context.Out);
            using var report = new StreamWriter(request.ReportPath, append: false) { AutoFlush = true };
            return host.Serve(request, report);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            context.Error.WriteLine($"worker: request {source}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"worker: cannot read request {source}: {e.Message}");
            return 2;
        }
    }
}
