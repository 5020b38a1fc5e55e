namespace Observatory.Core.Workloads;

/// <summary>
/// How a workload's stdout is checked: against native's output on the same
/// inputs, or against a recorded sha256.
/// </summary>
public sealed record ExpectedOutput(string? Sha256)
{
    public static readonly ExpectedOutput SameAsNative = new((string?)null);
    public bool IsSameAsNative => Sha256 is null;
    public override string ToString() => Sha256 is null ? "native" : $"sha256:{Sha256}";
}
