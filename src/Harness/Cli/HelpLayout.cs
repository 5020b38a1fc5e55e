using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Observatory.Harness.Cli;

/// <summary>
/// The library's generated help (usage, arguments, options, sub-commands) followed by the command's
/// <see cref="ObservatoryCommand.Notes"/>: the paragraphs that explain what an option list cannot.
/// A fixed width keeps help identical in a terminal, a CI log and a test.
/// </summary>
public sealed class HelpLayout(HelpAction generated) : SynchronousCommandLineAction
{
    public const int Width = 100;

    public override bool ClearsParseErrors => true;

    /// <summary>Puts the layout on the tree's --help (a recursive option, so one action serves every command).</summary>
    public static HelpLayout Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        var generated = option.Action as HelpAction ?? new HelpAction();
        generated.MaxWidth = Width;
        var layout = new HelpLayout(generated);
        option.Action = layout;
        return layout;
    }

    public override int Invoke(ParseResult parseResult)
    {
        generated.Invoke(parseResult);
        if (parseResult.CommandResult.Command is ObservatoryCommand { Notes: { } notes })
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(notes.TrimEnd());
            output.WriteLine();
        }
        return 0;
    }
}
