using System.Globalization;
using System.Text.RegularExpressions;

namespace Observatory.Core.Workloads;

/// <summary>
/// How many units of work a region does: a fixed number, or a number the workload prints
/// (a regex with one group, matched against its verified stdout, e.g. <c>prompt=(\d+)</c>).
/// Dividing it by the region's median time gives the throughput (tokens/s, rows/s).
/// </summary>
public sealed record RegionCount
{
    public long? Literal { get; init; }
    public Regex? Pattern { get; init; }

    public static RegionCount Fixed(long n) => new() { Literal = n };

    public static RegionCount FromStdout(Regex pattern) => new() { Pattern = pattern };

    /// <summary>The count for this stdout, or null when the pattern does not match (or the number does not parse).</summary>
    public long? Read(string? stdout)
    {
        if (Literal is { } n) return n;
        if (Pattern is null || stdout is null) return null;
        var m = Pattern.Match(stdout);
        return m.Success && m.Groups.Count > 1 && long.TryParse(m.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    public override string ToString() => Literal is { } n ? n.ToString(CultureInfo.InvariantCulture) : $"'{Pattern}'";
}
