using System.Text.Json;
using Observatory.Core.Environment;
using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>Reads the fingerprint a run was measured under back from the store.</summary>
public static class StoredFingerprint
{
    public static Fingerprint Of(ObservatoryStore store, string runId)
    {
        var rows = store.Query("""
            SELECT f.* FROM runs r JOIN fingerprints f USING (fingerprint_id) WHERE r.run_id = $r
            """, ("r", runId));
        if (rows.Count == 0)
            throw new StoreException($"run {runId} in {store.Path} has no stored fingerprint; it cannot be compared safely");
        var f = rows[0];
        string S(string k) => f.GetValueOrDefault(k) as string ?? "";
        return new Fingerprint
        {
            Id = S("fingerprint_id"),
            Hostname = S("hostname"),
            CpuModel = S("cpu_model"),
            CpuFlags = S("cpu_flags").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            LogicalCores = Convert.ToInt32(f.GetValueOrDefault("logical_cores") ?? 0),
            MemoryKb = Convert.ToInt64(f.GetValueOrDefault("memory_kb") ?? 0L),
            Kernel = S("kernel"),
            Arch = S("arch"),
            Os = S("os"),
            Virtualization = S("virtualization"),
            Governor = f.GetValueOrDefault("governor") as string,
            DotnetVersion = S("dotnet_version"),
            Toolchain = Map(S("toolchain_json")),
            Variables = Map(S("variables_json")),
            Runtimes = Map(S("runtimes_json")),
            Workloads = Map(S("workloads_json")),
            Pinning = f.GetValueOrDefault("pinning") as string,
        };
    }

    private static Dictionary<string, string> Map(string json) =>
        json.Length == 0 ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}
