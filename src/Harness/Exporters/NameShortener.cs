namespace Observatory.Harness.Exporters;

/// <summary>
/// Fits names (engine ids, workload names) into a column by cutting out their middle:
/// "wasmtime-50.0.1/cranelift+precompiled" at 30 → "wasmtime-50.0.1..t+precompiled". The
/// end is kept longer than the start because that is where ids differ (tier, flags, library
/// version). Never makes two names alike: where cuts would collide, the column gets wider.
/// </summary>
public static class NameShortener
{
    public const string Marker = "..";

    /// <summary>Each distinct name to its shortened form, all at most <paramref name="width"/> characters unless that would merge two.</summary>
    public static IReadOnlyDictionary<string, string> Fit(IEnumerable<string> names, int width)
    {
        var distinct = names.Distinct(StringComparer.Ordinal).ToList();
        var longest = distinct.Count == 0 ? 0 : distinct.Max(n => n.Length);
        for (var w = Math.Max(width, Marker.Length + 2); ; w++)
        {
            var map = distinct.ToDictionary(n => n, n => Cut(n, w), StringComparer.Ordinal);
            if (w >= longest || map.Values.Distinct(StringComparer.Ordinal).Count() == distinct.Count) return map;
        }
    }

    public static string Cut(string name, int width)
    {
        if (name.Length <= width) return name;
        var head = (width - Marker.Length) * 2 / 5;
        var tail = width - Marker.Length - head;
        return name[..head] + Marker + name[^tail..];
    }
}
