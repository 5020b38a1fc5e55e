using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Observatory.Harness.Cli;

/// <summary>
/// Factories for the CLI's typed options. Every option carries its value name and description
/// (help is generated from them, so it cannot drift from the code), and a value that does not
/// convert is reported naming the option ("option --jobs expects an integer, got 'x'").
/// Numbers are nullable: null means "not given", so a profile's default stays the default.
/// </summary>
public static class CliOptions
{
    public static Option<string?> Text(string name, string valueName, string description) =>
        new(name) { HelpName = valueName, Description = description, Arity = ArgumentArity.ExactlyOne };

    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    public static Option<int?> Integer(string name, string valueName, string description) =>
        new(name)
        {
            HelpName = valueName, Description = description, Arity = ArgumentArity.ExactlyOne,
            CustomParser = r => Convert<int>(r, name, "an integer",
                v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : (int?)null),
        };

    public static Option<double?> Number(string name, string valueName, string description) =>
        new(name)
        {
            HelpName = valueName, Description = description, Arity = ArgumentArity.ExactlyOne,
            CustomParser = r => Convert<double>(r, name, "a number",
                v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : (double?)null),
        };

    private static T? Convert<T>(ArgumentResult result, string name, string expected, Func<string, T?> parse) where T : struct
    {
        if (result.Tokens.Count == 0) return null;
        var value = result.Tokens[^1].Value;
        var parsed = parse(value);
        if (parsed is null) result.AddError($"option {name} expects {expected}, got '{value}'");
        return parsed;
    }
}
