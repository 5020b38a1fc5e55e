using System.Collections;
using System.Globalization;
using System.Numerics;

namespace Observatory.Reports.Query;

/// <summary>
/// One value as text, the same in every format: invariant culture, shortest round-trip
/// numbers, ISO 8601 dates and times. Null is the caller's business (each format has its own).
/// </summary>
public static class ValueText
{
    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => Timestamp(t),
        DateTimeOffset t => t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        BigInteger i => i.ToString(CultureInfo.InvariantCulture),
        byte[] b => Convert.ToHexString(b),
        Stream s => Convert.ToHexString(ReadAll(s)),
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{Format(k)}: {FormatOrNull(map[k])}")) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(FormatOrNull)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>ISO 8601 without a zone unless DuckDB said UTC; the store's *_utc columns are UTC by convention.</summary>
    public static string Timestamp(DateTime t) =>
        t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + (t.Kind == DateTimeKind.Utc ? "Z" : "");

    private static string FormatOrNull(object? v) => v is null or DBNull ? "NULL" : Format(v);

    public static byte[] ReadAll(Stream s)
    {
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }
}
