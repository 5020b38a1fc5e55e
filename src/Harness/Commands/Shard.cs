using System.Globalization;
using Observatory.Core.Workloads;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Commands;

/// <summary>
/// `run --shard I/N`: the I-th of N parts of the corpus, for parallel CI jobs. The split is by workload,
/// never by engine, so every engine of a workload runs in the same job on the same machine and their
/// comparisons stay within one machine. Workloads sorted by name are dealt round-robin: deterministic
/// (every job computes the same split), and the shards differ in size by at most one workload.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 1 && i <= n)
            return new Shard(i, n);
        throw new UsageException($"--shard takes I/N with 1 <= I <= N, e.g. 2/4 (got '{text}')");
    }

    public IReadOnlyList<WorkloadManifest> Select(IReadOnlyList<WorkloadManifest> workloads) =>
        workloads.OrderBy(w => w.Name, StringComparer.Ordinal).Where((_, k) => k % Count == Index - 1).ToList();

    public override string ToString() => $"{Index}/{Count}";
}
