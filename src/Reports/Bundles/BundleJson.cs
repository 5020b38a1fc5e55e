using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// run.json as a bundle writes it: the run's JSON shape (<see cref="RunJson"/>) with the two arrays
/// that are nearly all of its bytes, cells and samples, written last. Their rows are also in the
/// bundle's Parquet copies, so `ingest` reads the run's metadata from the head of the file and never
/// reads those arrays (a year of synthetic nights is 2 GB of them). The order is the only difference:
/// any JSON reader, and bundles written before, read the same run.
/// </summary>
public static class BundleJson
{
    /// <summary>The top-level arrays that come last, in file order (JSON names).</summary>
    public static readonly string[] TailArrays = ["cells", "samples"];

    public static JsonSerializerOptions Options { get; } = new(RunJson.Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { ArraysLast } },
    };

    /// <summary>Every top-level property of run.json that is not a tail array: what `ingest` takes from run.json itself.</summary>
    public static IReadOnlySet<string> HeadProperties { get; } =
        Options.GetTypeInfo(typeof(RunInfo)).Properties.Select(p => p.Name).Except(TailArrays).ToHashSet(StringComparer.Ordinal);

    public static string Serialize(RunInfo run) => JsonSerializer.Serialize(run, Options);

    private static void ArraysLast(JsonTypeInfo type)
    {
        if (type.Type != typeof(RunInfo)) return;
        foreach (var p in type.Properties)
        {
            var tail = Array.IndexOf(TailArrays, p.Name);
            if (tail >= 0) p.Order = 1 + tail;
        }
    }
}
