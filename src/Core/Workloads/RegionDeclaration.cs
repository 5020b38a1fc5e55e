namespace Observatory.Core.Workloads;

/// <summary>
/// One named region of a workload, in the order its bench.start/bench.end pairs run
/// (<c>[[regions]]</c> in workload.toml): its name, the unit of work it does and how many
/// units (<see cref="RegionCount"/>), for a rate such as tokens/s. <see cref="Line"/> is
/// where it is declared, so a problem found while running can point at it.
/// </summary>
public sealed record RegionDeclaration
{
    public required string Name { get; init; }
    public string? Unit { get; init; }
    public RegionCount? Count { get; init; }
    public int Line { get; init; }

    /// <summary>The region every burst variant (<c>requests = N</c>) has: the whole loop of N fresh instances.</summary>
    public static RegionDeclaration Requests(int n) => new() { Name = "requests", Unit = "instances", Count = RegionCount.Fixed(n) };

    /// <summary>The name of a span the manifest does not declare (1-based, in call order).</summary>
    public static string Undeclared(int index) => $"region {index + 1}";
}
