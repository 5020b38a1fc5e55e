using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Observatory.Harness.Cli;

/// <summary>
/// Finds what is wrong with a command line and says it in one line, with the nearest known name for a
/// typo: "unknown option --engnes; did you mean --engines?", "unknown command 'rnu'; did you mean 'run'?".
/// Besides the library's parse errors it catches what the library accepts but the user cannot have
/// meant: an option-like word swallowed by a command's free arguments, an option taken as another's value.
/// The library's own messages would span several lines and list every candidate.
/// </summary>
public static class ParseErrorReport
{
    /// <summary>The one-line problem with this command line, or null when the command can run.</summary>
    public static string? Find(ParseResult parse)
    {
        // An unknown name is reported even next to --help (`help rnu`, `compare a b c --help`): the user asked about something that is not there.
        if (parse.Action is ParseErrorAction || (parse.Action is HelpLayout && parse.UnmatchedTokens.Count > 0)) return Describe(parse);
        // Only a command's own action can be misled by a stray option; help and [suggest] take any line.
        if (parse.Action is null || parse.Action != parse.CommandResult.Command.Action) return null;
        if (StrayOption(parse) is { } stray) return Unmatched(stray, parse.CommandResult);
        if (OptionAsValue(parse) is { } taken) return $"option {taken.Option} needs a value (got the option {taken.Value})";
        return null;
    }

    private static string Describe(ParseResult parse)
    {
        if (parse.UnmatchedTokens.Count > 0)
            return Unmatched(parse.UnmatchedTokens[0], parse.CommandResult);
        var error = parse.Errors[0];
        if (OwningOption(error.SymbolResult) is { Implicit: false } option)
        {
            // A value option at the end of the line, or followed by another option, has no value.
            if (option.Tokens.Count < Math.Max(1, option.IdentifierTokenCount)) return $"option {option.Option.Name} needs a value";
            if (option.IdentifierTokenCount > 1) return $"option {option.Option.Name} is given more than once";
        }
        // The library lists allowed values on separate lines; the report stays one line.
        return string.Join(' ', error.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>
    /// A value of the command's free arguments (run's ARGS, compare's runs, ingest's bundles) given before `--`
    /// that looks like an option: a mistyped option name, which those arguments would otherwise swallow.
    /// </summary>
    private static string? StrayOption(ParseResult parse)
    {
        var values = parse.CommandResult.Children.OfType<ArgumentResult>().SelectMany(a => a.Tokens).Select(t => t.Value).ToList();
        var afterDoubleDash = parse.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Count(t => t.Type == TokenType.Argument);
        return values.Take(values.Count - afterDoubleDash).FirstOrDefault(v => v.Length > 1 && v[0] == '-');
    }

    /// <summary>`--engines --json`: the parser hands --json to --engines as its value; the user forgot the value.</summary>
    private static (string Option, string Value)? OptionAsValue(ParseResult parse)
    {
        var known = KnownOptions(parse.CommandResult).ToHashSet(StringComparer.Ordinal);
        for (SymbolResult? r = parse.CommandResult; r is not null; r = r.Parent)
            if (r is CommandResult c)
                foreach (var option in c.Children.OfType<OptionResult>())
                    foreach (var token in option.Tokens.Where(t => known.Contains(t.Value)))
                        return (option.Option.Name, token.Value);
        return null;
    }

    /// <summary>"observatory run" for a sub-command, "observatory" for the root.</summary>
    public static string Prefix(ParseResult parse) =>
        parse.CommandResult.Command is RootCommand ? "observatory" : $"observatory {parse.CommandResult.Command.Name}";

    private static string Unmatched(string token, CommandResult where)
    {
        var command = where.Command;
        if (token.StartsWith('-'))
        {
            var name = token.Split('=', 2)[0];
            var nearest = NearestName.Find(name, KnownOptions(where));
            return nearest is null
                ? $"unknown option {name} (see `{HelpCommand(command)} --help`)"
                : $"unknown option {name}; did you mean {nearest}?";
        }
        if (command is RootCommand)
        {
            var nearest = NearestName.Find(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            return nearest is null
                ? $"unknown command '{token}' (see `observatory --help` for the list)"
                : $"unknown command '{token}'; did you mean '{nearest}'?";
        }
        return $"unexpected argument '{token}' (see `{HelpCommand(command)} --help`)";
    }

    /// <summary>The long names usable at this point: the command's own options and its ancestors' recursive ones.</summary>
    private static IEnumerable<string> KnownOptions(CommandResult where)
    {
        for (SymbolResult? r = where; r is not null; r = r.Parent)
            if (r is CommandResult c)
                foreach (var o in c.Command.Options.Where(o => !o.Hidden && (c == where || o.Recursive)))
                    foreach (var n in o.Aliases.Append(o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)))
                        yield return n;
    }

    private static OptionResult? OwningOption(SymbolResult? r) => r switch
    {
        OptionResult o => o,
        ArgumentResult { Parent: OptionResult o } => o,
        _ => null,
    };

    private static string HelpCommand(Command command) => command is RootCommand ? "observatory" : $"observatory {command.Name}";
}
