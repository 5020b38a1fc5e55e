using System.CommandLine;
using Observatory.Core.Workloads;
using Observatory.Reports.Store;

namespace Observatory.Harness.Cli;

/// <summary>
/// Entry point: dispatches argv to a command, prints generated help, and turns user-caused errors into
/// one clear line: a command-line mistake exits 2, a bad manifest, store or missing file exits 1.
/// </summary>
public static class CliApp
{
    public static int Run(string[] argv, CommandContext? context = null)
    {
        context ??= new CommandContext { RepositoryRoot = CommandContext.FindRepositoryRoot() };
        if (argv.Length > 0 && CommandRegistry.Raw.FirstOrDefault(r => r.Name == argv[0]) is { } raw)
            return raw.ExecuteRaw(argv[1..], context);
        // `observatory help run` is `observatory run --help`.
        if (argv.Length > 0 && argv[0] == "help") argv = [.. argv[1..], "--help"];

        var parse = ObservatoryCli.Build(context).Parse(argv, ObservatoryCli.Parser);
        var prefix = ParseErrorReport.Prefix(parse);
        if (ParseErrorReport.Find(parse) is { } problem)
        {
            context.Error.WriteLine($"{prefix}: {problem}");
            return 2;
        }
        try
        {
            // No default exception handler (it prints stack traces) and no SIGINT interception: engine
            // processes are children of this one and end with it, as before.
            return parse.Invoke(new InvocationConfiguration
            {
                Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"{prefix}: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ManifestException or StoreException or IOException or InvalidDataException)
        {
            context.Error.WriteLine($"{prefix}: error: {e.Message}");
            return 1;
        }
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            // A database failing mid-command (full disk, a damaged block met by a query): its cause, in one line.
            context.Error.WriteLine($"{prefix}: error: {StoreFailure.Explain(Path.GetFullPath(GlobalOptions.DatabasePath(parse, context)), e).Message}");
            return 1;
        }
    }
}
