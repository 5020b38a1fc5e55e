using Observatory.Core.Workloads;
using Observatory.Reports.Store;

namespace Observatory.Harness.Cli;

/// <summary>Dispatches argv to a command, prints help, and turns user-caused errors into clear one-line messages.</summary>
public static class CliApp
{
    public static int Run(string[] argv, CommandContext? context = null)
    {
        context ??= new CommandContext { RepositoryRoot = CommandContext.FindRepositoryRoot() };
        if (argv.Length == 0 || argv[0] is "--help" or "-h" or "help")
        {
            PrintHelp(context.Out);
            return argv.Length == 0 ? 2 : 0;
        }
        var command = CommandRegistry.All.FirstOrDefault(c => c.Name == argv[0]);
        if (command is null)
        {
            context.Error.WriteLine($"observatory: unknown command '{argv[0]}'. Run `observatory --help` for the list.");
            return 2;
        }
        var rest = argv.Skip(1).ToList();
        if (command is IRawCommand raw) return raw.ExecuteRaw(rest, context);
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            context.Out.WriteLine(command.Usage.TrimEnd());
            return 0;
        }
        try
        {
            var args = CommandArgs.Parse(rest, command.ValueOptions, command.FlagOptions);
            return command.Execute(args, context);
        }
        catch (UsageException e)
        {
            context.Error.WriteLine($"observatory {command.Name}: {e.Message}");
            context.Error.WriteLine(command.Usage.TrimEnd());
            return 2;
        }
        catch (Exception e) when (e is ManifestException or StoreException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            context.Error.WriteLine($"observatory {command.Name}: error: {e.Message}");
            return 1;
        }
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("observatory: benchmark and conformance observatory for WebAssembly runtimes");
        w.WriteLine();
        w.WriteLine("usage: observatory <command> [options]   (observatory <command> --help for details)");
        w.WriteLine();
        foreach (var c in CommandRegistry.All.Where(c => !c.Hidden))
            w.WriteLine($"  {c.Name,-12} {c.Summary}");
        w.WriteLine();
        w.WriteLine("Every command that touches results takes --db PATH (default results/observatory.duckdb).");
    }
}
