namespace Observatory.Harness.Cli;

/// <summary>A command that parses its own arguments (workers speak the collectors' encoding, not the CLI's).</summary>
public interface IRawCommand : ICommand
{
    int ExecuteRaw(IReadOnlyList<string> args, CommandContext context);
}
