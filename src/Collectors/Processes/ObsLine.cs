using System.Text.Json.Serialization;

namespace Observatory.Collectors.Processes;

/// <summary>
/// One <c>@obs</c> line as it is on the wire: <c>kind</c> "iteration" (one per iteration, the fields
/// of an IterationResult) or "process" (one per process, <c>peakRssKb</c>). Numbers may come as JSON
/// numbers, fractional numbers (rounded) or strings (JS drivers turn BigInts into either).
/// </summary>
public sealed record ObsLine
{
    public const string IterationKind = "iteration";
    public const string ProcessKind = "process";

    public string? Kind { get; init; }
    public long? Iteration { get; init; }
    public string? Outcome { get; init; }
    public long? CompileNs { get; init; }
    public long? InstantiateNs { get; init; }
    public long? ExecuteNs { get; init; }
    public long? RegionNs { get; init; }
    public IReadOnlyList<long>? RegionsNs { get; init; }
    public long? ExitCode { get; init; }
    public string? StdoutSha256 { get; init; }
    public string? StdoutPath { get; init; }
    public string? Message { get; init; }
    public long? CpuNs { get; init; }
    public long? LinearMemoryBytes { get; init; }
    public long? PeakRssKb { get; init; }
}

/// <summary>System.Text.Json metadata for the line protocol, generated at build time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(WireInt64Converter)])]
[JsonSerializable(typeof(ObsLine))]
internal sealed partial class ObsLineJson : JsonSerializerContext;
