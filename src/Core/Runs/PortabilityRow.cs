namespace Observatory.Core.Runs;

/// <summary>
/// One cell of the portability matrix: a workload variant run once on one engine of one ISA, its output
/// compared byte for byte with the x86_64 reference (native, or the reference engine named when a workload
/// has no native build). Verdict: agree, wrong-output (with the first differing bytes), or the outcome that
/// stopped it (trap, unsupported, timeout, crash).
/// </summary>
public sealed record PortabilityRow
{
    public required string RunId { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required string Workload { get; init; }
    public required string Variant { get; init; }
    public required string EngineId { get; init; }
    public string Family { get; init; } = "";
    public string Version { get; init; } = "";
    public required string Isa { get; init; }
    public bool Emulated { get; init; }
    public required string Verdict { get; init; }
    public string? Message { get; init; }
    public string ReferenceEngine { get; init; } = "";
    /// <summary>Offset of the first byte where stdout differs from the reference (wrong-output only).</summary>
    public long? FirstDifference { get; init; }
    /// <summary>Up to 16 bytes of each side from <see cref="FirstDifference"/>, in hex.</summary>
    public string? ExpectedBytes { get; init; }
    public string? ActualBytes { get; init; }
    public long? WallNs { get; init; }
    /// <summary>The input it ran (schema 9): "emulated" when the workload declares a smaller one for the matrix, else the run profile ("quick").</summary>
    public string? InputProfile { get; init; }

    public const string Agree = "agree";
    /// <summary>Not judged: the x86_64 reference itself failed, so there is nothing to agree with (not a finding about this ISA).</summary>
    public const string NoReference = "no-reference";
}
