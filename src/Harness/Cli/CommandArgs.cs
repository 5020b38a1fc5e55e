using System.Globalization;

namespace Observatory.Harness.Cli;

/// <summary>
/// Parsed options of one command: `--name value`, `--flag`, and everything after `--`.
/// Each command declares which options take values and which are flags, so a typo
/// is an error ("unknown option --egines"), not silently ignored.
/// </summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positional { get; }
    public IReadOnlyList<string> Rest { get; }

    private CommandArgs(List<string> positional, List<string> rest)
    {
        Positional = positional;
        Rest = rest;
    }

    public static CommandArgs Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var positional = new List<string>();
        var rest = new List<string>();
        var result = new CommandArgs(positional, rest);
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { rest.AddRange(args.Skip(i + 1)); break; }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                string name = a;
                string? inline = null;
                var eq = a.IndexOf('=');
                if (eq > 0) { name = a[..eq]; inline = a[(eq + 1)..]; }
                if (flagOptions.Contains(name))
                {
                    result._flags.Add(name);
                }
                else if (valueOptions.Contains(name))
                {
                    var v = inline ?? (i + 1 < args.Count ? args[++i] : throw new UsageException($"option {name} needs a value"));
                    if (!result._values.TryGetValue(name, out var list)) result._values[name] = list = [];
                    list.Add(v);
                }
                else
                {
                    var known = valueOptions.Concat(flagOptions).Order(StringComparer.Ordinal);
                    throw new UsageException($"unknown option {name} (known: {string.Join(", ", known)})");
                }
            }
            else positional.Add(a);
        }
        return result;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var l) ? l[^1] : null;

    public string Value(string name, string fallback) => Value(name) ?? fallback;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var l) ? l : [];

    public int Int(string name, int fallback)
    {
        var v = Value(name);
        if (v is null) return fallback;
        return int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)
            ? i : throw new UsageException($"option {name} expects an integer, got '{v}'");
    }

    public double Double(string name, double fallback)
    {
        var v = Value(name);
        if (v is null) return fallback;
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d : throw new UsageException($"option {name} expects a number, got '{v}'");
    }
}
