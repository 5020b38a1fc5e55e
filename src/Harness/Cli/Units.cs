using System.Globalization;

namespace Observatory.Harness.Cli;

/// <summary>Human units for durations and sizes, always with the unit printed.</summary>
public static class Units
{
    public static string Duration(double? ns)
    {
        if (ns is null) return "";
        var v = ns.Value;
        return v switch
        {
            >= 1e9 => (v / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s",
            >= 1e6 => (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            >= 1e3 => (v / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " us",
            _ => v.ToString("0", CultureInfo.InvariantCulture) + " ns",
        };
    }

    /// <summary>"1 sample", "3 samples": a count with its noun.</summary>
    public static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
}
