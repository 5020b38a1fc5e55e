namespace Observatory.Harness.Running;

/// <summary>
/// How much sampling a run does. Each engine process runs <see cref="Iterations"/>
/// iterations (the first cold, the rest warm); <see cref="Processes"/> processes per
/// cell are interleaved across engines (A B A B) so drift hits all engines alike.
/// </summary>
public sealed record RunProfile(string Name, int Processes, int Iterations, TimeSpan Timeout)
{
    public static RunProfile Quick { get; } = new("quick", 3, 3, TimeSpan.FromSeconds(120));
    public static RunProfile Standard { get; } = new("standard", 5, 5, TimeSpan.FromSeconds(300));

    public static RunProfile Parse(string name) => name switch
    {
        "quick" => Quick,
        "standard" => Standard,
        _ => throw new Cli.UsageException($"unknown profile '{name}' (known: quick, standard)"),
    };
}
