using System.Globalization;

namespace Observatory.Harness.Cli;

/// <summary>Human units for durations and sizes, always with the unit printed.</summary>
public static class Units
{
    /// <summary>The shared vocabulary (<see cref="Core.Units.TimeText"/>): the console and the site print the same units.</summary>
    public static string Duration(double? ns) => Core.Units.TimeText.Duration(ns);

    /// <summary>"1 sample", "3 samples": a count with its noun.</summary>
    public static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
