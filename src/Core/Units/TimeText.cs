using System.Globalization;

namespace Observatory.Core.Units;

/// <summary>
/// The one vocabulary of time units for every exporter (console, site, markdown): s, ms, µs, ns,
/// chosen by magnitude so a value is never shown in a unit a thousand times off its size.
/// </summary>
public static class TimeText
{
    public const string Micro = "µs";

    public static string Duration(double? ns)
    {
        if (ns is null || double.IsNaN(ns.Value)) return "";
        var v = ns.Value;
        var a = Math.Abs(v);
        return a switch
        {
            >= 1e9 => (v / 1e9).ToString("0.000", CultureInfo.InvariantCulture) + " s",
            >= 1e6 => (v / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            >= 1e3 => (v / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " " + Micro,
            _ => v.ToString("0", CultureInfo.InvariantCulture) + " ns",
        };
    }

    /// <summary>A ratio as "1.56×".</summary>
    public static string Ratio(double? r) =>
        r is null || double.IsNaN(r.Value) ? "" : r.Value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
