namespace Observatory.Core.Workloads;

/// <summary>
/// How a workload's output is checked: against native's output on the same inputs, against a
/// recorded sha256, or (foreign modules) against expected files (<see cref="Streams"/>).
/// </summary>
public sealed record ExpectedOutput(string? Sha256)
{
    public static readonly ExpectedOutput SameAsNative = new((string?)null);

    /// <summary>Expected stdout/stderr files, checked on every iteration while its files still exist.</summary>
    public ExpectedStreams? Streams { get; init; }

    public bool IsSameAsNative => Sha256 is null && Streams is null;

    public static ExpectedOutput Files(ExpectedStreams streams) => new((string?)null) { Streams = streams };

    public override string ToString() => Streams is { } s ? $"files ({s})" : Sha256 is null ? "native" : $"sha256:{Sha256}";
}
