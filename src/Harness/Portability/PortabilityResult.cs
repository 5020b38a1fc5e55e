using Observatory.Core.Runs;

namespace Observatory.Harness.Portability;

/// <summary>What a portability run produced: its cells, and what each of its parts cost.</summary>
public sealed record PortabilityResult(IReadOnlyList<PortabilityRow> Rows, IReadOnlyList<PortabilityPart> Parts);
