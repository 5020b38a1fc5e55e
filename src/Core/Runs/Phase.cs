namespace Observatory.Core.Runs;

/// <summary>
/// Timed phases of one sample. <see cref="Region"/> is the span between the
/// module's bench.start and bench.end imports (the Sightglass convention);
/// <see cref="Total"/> is end to end as seen by the harness, process start included.
/// </summary>
public enum Phase
{
    Compile,
    Instantiate,
    Execute,
    Region,
    Total,
}

public static class PhaseNames
{
    public static string ToWire(this Phase p) => p.ToString().ToLowerInvariant();

    public static Phase Parse(string wire) =>
        Enum.TryParse<Phase>(wire, ignoreCase: true, out var p) ? p : throw new FormatException($"unknown phase '{wire}'");
}
