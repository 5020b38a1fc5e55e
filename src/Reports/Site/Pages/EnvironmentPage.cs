using System.Globalization;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>Every machine and fingerprint the store's runs were measured under, with the runs of each.</summary>
public sealed class EnvironmentPage : ISitePage
{
    public string FileName => "environment.html";
    public string Template => "environment";
    public string Title => "Environment";

    /// <summary>Fields shown in full; the CPU flags and JSON blobs are long, so they are cut (the store has them whole).</summary>
    private const int MaxField = 160;

    public object BuildModel(ObservatoryStore store)
    {
        var fingerprints = store.Query("SELECT * FROM fingerprints ORDER BY hostname, fingerprint_id");
        var runs = store.Query("SELECT run_id, label, profile, started_utc, fingerprint_id, coalesce(status, 'complete') AS status FROM runs ORDER BY started_utc DESC, run_id DESC");
        // Only the most recent runs have a page of their own (SiteRenderer.RunPages): link those.
        var paged = runs.Take(SiteRenderer.RunPages).Select(r => (string)r["run_id"]!).ToHashSet();
        return new EnvironmentModel
        {
            Machines = fingerprints.Select(f =>
            {
                var id = (string)f["fingerprint_id"]!;
                var mine = runs.Where(r => (string?)r["fingerprint_id"] == id).ToList();
                return new MachineRow(id, f["hostname"] as string ?? "", f["cpu_model"] as string ?? "", f["arch"] as string ?? "",
                    mine.Count, mine.Count == 0 ? "" : Stamp(mine[^1]["started_utc"]), mine.Count == 0 ? "" : Stamp(mine[0]["started_utc"]),
                    f.Where(kv => kv.Key != "fingerprint_id").Select(kv => new FieldRow(kv.Key, Cut(Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? ""))).ToList(),
                    mine.Select(r => (string)r["run_id"]!).Where(paged.Contains).ToList());
            }).ToList(),
        };
    }

    private static string Cut(string s) => s.Length > MaxField ? s[..MaxField] + " …" : s;

    private static string Stamp(object? t) => t is DateTime d ? d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}

public sealed record EnvironmentModel
{
    public IReadOnlyList<MachineRow> Machines { get; init; } = [];
}

public sealed record MachineRow(string FingerprintId, string Host, string Cpu, string Arch, int Runs, string First, string Last,
    IReadOnlyList<FieldRow> Fields, IReadOnlyList<string> RecentRuns)
{
    public IReadOnlyList<RunLink> RunLinks => RecentRuns.Select(r => new RunLink(r, SiteRenderer.RunPage(r))).ToList();
}

public sealed record FieldRow(string Name, string Value);
public sealed record RunLink(string RunId, string Page);
