using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli;

/// <summary>Every command of the CLI. A new command is one class plus one line here.</summary>
public static class CommandRegistry
{
    public static IReadOnlyList<ICommand> All { get; } =
    [
        new RuntimesCommand(),
        new BuildCommand(),
        new RunCommand(),
        new CompareCommand(),
        new IngestCommand(),
        new ReportCommand(),
        new QueryCommand(),
        new WorkerCommand(),
        new ConformanceCommand(),
        new ConformanceWorkerCommand(),
    ];
}
