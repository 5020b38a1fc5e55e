using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Observatory.Reports.Site;

/// <summary>
/// Where a render's time goes, per page family (workload pages, run pages, comparisons, ...) and per
/// shared read, printed to standard error when <c>OBSERVATORY_PROFILE=1</c>: how a slow report is
/// diagnosed at the scale of a year of nightlies. Times are summed over the threads that rendered
/// the family's pages, so with pages rendered in parallel they add up to more than the wall time.
/// </summary>
public sealed class SiteProfile
{
    public const string Variable = "OBSERVATORY_PROFILE";

    private readonly ConcurrentDictionary<string, (int Count, long Ticks, long MaxTicks)> families = new(StringComparer.Ordinal);
    private readonly Stopwatch wall = Stopwatch.StartNew();

    public bool Enabled { get; }

    /// <summary>The command whose time is shown ("report", "ingest") and what its whole is ("site", "ingest"): the lines' prefix and last line.</summary>
    private readonly string command;
    private readonly string whole;

    public SiteProfile(bool enabled, string command = "report", string whole = "site")
    {
        Enabled = enabled;
        this.command = command;
        this.whole = whole;
    }

    /// <summary>On when the environment asks for it (any value but empty, 0 or false).</summary>
    public static SiteProfile FromEnvironment(string command = "report", string whole = "site") =>
        new(System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase), command, whole);

    public T Measure<T>(string family, Func<T> work)
    {
        if (!Enabled) return work();
        var start = Stopwatch.GetTimestamp();
        try { return work(); }
        finally { Add(family, Stopwatch.GetTimestamp() - start); }
    }

    public void Measure(string family, Action work) => Measure(family, () => { work(); return 0; });

    private void Add(string family, long ticks) =>
        families.AddOrUpdate(family, (1, ticks, ticks), (_, t) => (t.Count + 1, t.Ticks + ticks, Math.Max(t.MaxTicks, ticks)));

    /// <summary>One line per family, the costliest first, then the wall time of the whole render.</summary>
    public void WriteTo(TextWriter w)
    {
        if (!Enabled) return;
        static string Ms(long ticks) => (ticks * 1000.0 / Stopwatch.Frequency).ToString("0", CultureInfo.InvariantCulture);
        foreach (var (family, t) in families.OrderByDescending(kv => kv.Value.Ticks).Select(kv => (kv.Key, kv.Value)))
            w.WriteLine($"{command} profile: {family,-28} {t.Count,5} × {Ms(t.Ticks / Math.Max(1, t.Count)),7} ms = {Ms(t.Ticks),7} ms (slowest {Ms(t.MaxTicks)} ms)");
        w.WriteLine($"{command} profile: whole {whole} {wall.ElapsedMilliseconds} ms wall on {System.Environment.ProcessorCount} cores");
    }
}
