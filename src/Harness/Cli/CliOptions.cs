using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Observatory.Harness.Cli;

/// <summary>
/// Factories for the CLI's typed options. Every option carries its value name and description
/// (help is generated from them, so it cannot drift from the code), and a value that does not
/// convert is reported naming the option ("option --jobs expects an integer, got 'x'").
/// Numbers are nullable: null means "not given", so a profile's default stays the default.
/// A value option takes exactly one value per command line: given twice, it is an error naming it
/// (silently taking one of two would hide a script's mistake).
/// </summary>
public static class CliOptions
{
    public static Option<string?> Text(string name, string valueName, string description) =>
        Valued<string?>(name, valueName, description, r => r.Tokens.Count == 0 ? null : r.Tokens[^1].Value);

    /// <summary>An option whose value may be left out (`--markdown` or `--markdown FILE`); whether it was given at all is ParseResult.GetResult(option) != null.</summary>
    public static Option<string?> OptionalText(string name, string valueName, string description) => new(name)
    {
        HelpName = valueName, Description = description, Arity = ArgumentArity.ZeroOrOne,
        CustomParser = r => r.Tokens.Count == 0 ? null : r.Tokens[^1].Value,
    };

    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    public static Option<int?> Integer(string name, string valueName, string description) =>
        Valued<int?>(name, valueName, description, r => Convert<int>(r, name, "an integer",
            v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null));

    public static Option<double?> Number(string name, string valueName, string description) =>
        Valued<double?>(name, valueName, description, r => Convert<double>(r, name, "a number",
            v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null));

    /// <summary>One value, given as `--x a` or `--x=a`.</summary>
    private static Option<T> Valued<T>(string name, string valueName, string description, Func<ArgumentResult, T> parse)
    {
        var option = new Option<T>(name)
        {
            HelpName = valueName, Description = description,
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = r => parse(r),
        };
        // `--x a --x`: the second --x has no value (and the first must not be taken for it).
        option.Validators.Add(r =>
        {
            if (r.IdentifierTokenCount > r.Tokens.Count) r.AddError($"option {name} needs a value");
        });
        return option;
    }

    private static T? Convert<T>(ArgumentResult result, string name, string expected, Func<string, T?> parse) where T : struct
    {
        if (result.Tokens.Count == 0) return null;
        var value = result.Tokens[^1].Value;
        var parsed = parse(value);
        if (parsed is null) result.AddError($"option {name} expects {expected}, got '{value}'");
        return parsed;
    }
}
