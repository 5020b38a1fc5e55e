using System.CommandLine;

namespace Observatory.Harness.Cli;

/// <summary>
/// The `observatory` command tree: the global --db, every registered command wired to the context it
/// runs in, generated help with notes, and the [suggest] directive that shell completion calls.
/// Built anew for each invocation: a tree holds the context its actions write to.
/// </summary>
public static class ObservatoryCli
{
    public const string Description = "benchmark and conformance observatory for WebAssembly runtimes.\n"
        + "`observatory COMMAND --help` (or `observatory help COMMAND`) explains each command.";

    /// <summary>Response files (@FILE) are off: a token is what the user typed, as before.</summary>
    public static ParserConfiguration Parser => new() { ResponseFileTokenReplacer = null };

    public static RootCommand Build(CommandContext context)
    {
        var root = new RootCommand(Description) { HelpName = "observatory" };
        root.Options.Add(GlobalOptions.Database());
        foreach (var command in CommandRegistry.Create())
        {
            command.SetAction(parse => command.Execute(parse, context));
            root.Subcommands.Add(command);
        }
        var help = HelpLayout.Install(root);
        // `observatory` alone: the overview, and a non-zero exit since nothing was done.
        root.SetAction(parse =>
        {
            help.Invoke(parse);
            return 2;
        });
        return root;
    }
}
