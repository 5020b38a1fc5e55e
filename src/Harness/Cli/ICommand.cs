namespace Observatory.Harness.Cli;

/// <summary>
/// One `observatory` sub-command. Options are declared so `--help` and unknown-option
/// errors come for free; <see cref="Execute"/> returns the process exit code.
/// </summary>
public interface ICommand
{
    string Name { get; }
    string Summary { get; }
    /// <summary>Usage text shown by --help: synopsis line plus one line per option.</summary>
    string Usage { get; }
    IReadOnlyCollection<string> ValueOptions { get; }
    IReadOnlyCollection<string> FlagOptions { get; }
    /// <summary>Hidden commands (workers) are left out of the top-level help.</summary>
    bool Hidden => false;
    int Execute(CommandArgs args, CommandContext context);
}
