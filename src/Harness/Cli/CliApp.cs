using System.CommandLine;
using Observatory.Reports.Store;

namespace Observatory.Harness.Cli;

/// <summary>
/// Entry point: dispatches argv to a command, prints generated help, and turns errors into one clear
/// line: a command-line mistake exits 2; everything else goes through <see cref="ErrorPolicy"/>
/// (user-caused: exit 1; a bug: exit 70 with the stack trace after a request to report it).
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
            // No default exception handler (it prints stack traces) and no SIGINT interception here:
            // `run` registers its own (RunInterruption) to store what it measured; engines die with this process.
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
        catch (DuckDB.NET.Data.DuckDBException e)
        {
            // A database failing mid-command (full disk, a damaged block met by a query): its cause, in one line.
            context.Error.WriteLine($"{prefix}: error: {StoreFailure.Explain(Path.GetFullPath(GlobalOptions.DatabasePath(parse, context)), e).Message}");
            return 1;
        }
        catch (Exception e)
        {
            return ErrorPolicy.Report(e, prefix, context.Error);
        }
    }
}
