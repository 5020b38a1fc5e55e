namespace Observatory.Harness.Commands;

/// <summary>Which workloads and variants of which corpus a command works on (globs; null = all, the repository's workloads/).</summary>
public sealed record WorkloadSelection(string? Workloads, string? Variants, string? WorkloadDirectory);
