using Observatory.Harness.Cli.CommandLines;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli;

/// <summary>Every command of the CLI. A new command is one <see cref="ObservatoryCommand"/> class plus one line here.</summary>
public static class CommandRegistry
{
    /// <summary>Fresh declarations for one command tree (symbols cannot be shared between trees).</summary>
    public static IReadOnlyList<ObservatoryCommand> Create() =>
    [
        new RuntimesCommandLine(),
        new BuildCommandLine(),
        new RunCommandLine(),
        new CompareCommandLine(),
        new AlertsCommandLine(),
        new IngestCommandLine(),
        new ReportCommandLine(),
        new SynthCommandLine(),
        new QueryCommandLine(),
        new CheckCommandLine(),
        new ConformanceCommandLine(),
        new PortabilityCommandLine(),
        new CompletionCommandLine(),
    ];

    /// <summary>Hidden worker commands: they get their arguments untouched and stay out of help and completion.</summary>
    public static IReadOnlyList<IRawCommand> Raw { get; } = [new WorkerCommand(), new ConformanceWorkerCommand()];
}
