namespace Observatory.Harness.Cli;

/// <summary>
/// A hidden command that parses its own arguments (workers speak the collectors' encoding, not the CLI's):
/// it receives everything after its name untouched and never appears in help or completion.
/// </summary>
public interface IRawCommand
{
    string Name { get; }
    int ExecuteRaw(IReadOnlyList<string> args, CommandContext context);
}
