using System.Text.RegularExpressions;

namespace Observatory.Harness.Cli;

/// <summary>Shell-style globs (*, ?, comma-separated alternatives) for --workloads and --engines.</summary>
public static class Glob
{
    public static bool Matches(string? pattern, string value)
    {
        if (string.IsNullOrEmpty(pattern)) return true;
        foreach (var alt in pattern.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var regex = "^" + Regex.Escape(alt).Replace(@"\*", ".*").Replace(@"\?", ".") + "$";
            if (Regex.IsMatch(value, regex)) return true;
        }
        return false;
    }
}
