using System.Globalization;
using Tomlyn.Model;

namespace Observatory.Core.Workloads;

/// <summary>
/// A workload's own sampling bounds for one profile (<c>[sampling.quick]</c>,
/// <c>[sampling.standard]</c>, or <c>[sampling]</c> for both), the way asv lets a
/// benchmark set its own repeat and timeout: a module whose every iteration compiles
/// 75 MB of code cannot afford the profile's defaults. Null keys keep the profile's
/// value; options given on the command line win over both.
/// </summary>
public sealed record WorkloadSampling
{
    public static readonly IReadOnlyList<string> Keys = ["iterations", "min_processes", "max_processes", "budget", "timeout"];

    /// <summary>Iterations per engine process (1 cold + the rest warm), at least 2 so a warm sample exists.</summary>
    public int? Iterations { get; init; }
    public int? MinProcesses { get; init; }
    public int? MaxProcesses { get; init; }
    /// <summary>Seconds of measured time a cell may use before adaptive sampling stops.</summary>
    public double? BudgetSeconds { get; init; }
    /// <summary>Seconds one iteration may take before it is a timeout.</summary>
    public double? TimeoutSeconds { get; init; }

    public bool IsEmpty => Iterations is null && MinProcesses is null && MaxProcesses is null && BudgetSeconds is null && TimeoutSeconds is null;

    /// <summary>"iterations=2 min_processes=2 timeout=300": what the run log and protocol record.</summary>
    public override string ToString() => string.Join(' ', new[]
    {
        Iterations is { } i ? $"iterations={i}" : null,
        MinProcesses is { } mn ? $"min_processes={mn}" : null,
        MaxProcesses is { } mx ? $"max_processes={mx}" : null,
        BudgetSeconds is { } b ? string.Create(CultureInfo.InvariantCulture, $"budget={b}") : null,
        TimeoutSeconds is { } t ? string.Create(CultureInfo.InvariantCulture, $"timeout={t}") : null,
    }.Where(s => s is not null));

    /// <summary>
    /// Reads the optional <c>sampling</c> table: either the keys themselves (every profile)
    /// or one sub-table per profile name. Errors name the file and the line of the key.
    /// </summary>
    internal static IReadOnlyDictionary<string, WorkloadSampling> Parse(TomlTable table, string text, string path)
    {
        var result = new Dictionary<string, WorkloadSampling>();
        if (!table.TryGetValue("sampling", out var value)) return result;
        ManifestException Error(string key, string problem) => new(path, WorkloadManifestLoader.LineOf(text, key), 1, problem);
        if (value is not TomlTable t)
            throw Error("sampling", "sampling must be a table: [sampling.quick] iterations = 2");
        var shared = new TomlTable();
        foreach (var (key, v) in t)
        {
            if (v is TomlTable sub)
            {
                if (!WorkloadManifest.ProfileNames.Contains(key))
                    throw Error(key, $"unknown profile '{key}' in [sampling] (known: {string.Join(", ", WorkloadManifest.ProfileNames)})");
                result[key] = One(sub, Error);
            }
            else shared[key] = v;
        }
        if (shared.Count > 0)
        {
            var all = One(shared, Error);
            foreach (var p in WorkloadManifest.ProfileNames)
                result[p] = result.TryGetValue(p, out var own) ? Merge(all, own) : all;
        }
        return result;
    }

    private static WorkloadSampling Merge(WorkloadSampling all, WorkloadSampling own) => new()
    {
        Iterations = own.Iterations ?? all.Iterations,
        MinProcesses = own.MinProcesses ?? all.MinProcesses,
        MaxProcesses = own.MaxProcesses ?? all.MaxProcesses,
        BudgetSeconds = own.BudgetSeconds ?? all.BudgetSeconds,
        TimeoutSeconds = own.TimeoutSeconds ?? all.TimeoutSeconds,
    };

    private static WorkloadSampling One(TomlTable t, Func<string, string, ManifestException> error)
    {
        foreach (var key in t.Keys)
            if (!Keys.Contains(key))
                throw error(key, $"unknown sampling key '{key}' (known: {string.Join(", ", Keys)})");
        int? Count(string key, int min)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            return v is long n && n >= min && n <= 10_000 ? (int)n
                : throw error(key, $"'{key}' must be a whole number from {min} to 10000");
        }
        double? Seconds(string key)
        {
            if (!t.TryGetValue(key, out var v)) return null;
            var s = v switch { long n => n, double d => d, _ => double.NaN };
            return s > 0 && s <= 86_400 ? s : throw error(key, $"'{key}' must be a positive number of seconds (at most 86400)");
        }
        var sampling = new WorkloadSampling
        {
            Iterations = Count("iterations", 2),
            MinProcesses = Count("min_processes", 1),
            MaxProcesses = Count("max_processes", 1),
            BudgetSeconds = Seconds("budget"),
            TimeoutSeconds = Seconds("timeout"),
        };
        if (sampling is { MinProcesses: { } lo, MaxProcesses: { } hi } && hi < lo)
            throw error("max_processes", $"max_processes ({hi}) must be at least min_processes ({lo})");
        return sampling;
    }
}
