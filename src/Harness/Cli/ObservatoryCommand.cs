using System.CommandLine;

namespace Observatory.Harness.Cli;

/// <summary>
/// The command-line face of one `observatory` command: it declares typed options and arguments,
/// each with a description (help, errors and completion are generated from these declarations),
/// and <see cref="Execute"/> reads their values and hands them, typed, to the code that does the
/// work (e.g. <c>RunCommandLine</c> builds a <c>RunSettings</c> for <c>RunCommand</c>). It does not
/// plan, measure or print itself. See Cli/README.md for how to add or port a command.
/// </summary>
public abstract class ObservatoryCommand(string name, string description) : Command(name, description)
{
    /// <summary>Explanatory paragraphs shown after the option list in --help (the "why" and "what happens" of the command).</summary>
    public virtual string? Notes => null;

    /// <summary>
    /// Runs the command with the parsed values and returns the exit code. Throw <see cref="UsageException"/>
    /// for a mistake on the command line (one line naming the option, exit 2).
    /// </summary>
    public abstract int Execute(ParseResult parse, CommandContext context);

    /// <summary>Adds options in the order help should list them.</summary>
    protected void Declare(params Option[] options)
    {
        foreach (var o in options) Options.Add(o);
    }
}
