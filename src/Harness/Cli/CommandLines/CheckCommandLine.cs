using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory check`: is the database whole? Read-only; the same verification every write starts with.</summary>
public sealed class CheckCommandLine : ObservatoryCommand
{
    public CheckCommandLine() : base("check", "verify the database (--db): schema version and every table read in full (block checksums); exit 0 ok, 1 problem") { }

    public override string? Notes => "Never changes or creates the file. Locked, corrupt, newer-schema, not-a-database and missing\nfiles are each told apart, with what to do.";

    public override int Execute(ParseResult parse, CommandContext context) =>
        new CheckCommand().Execute(GlobalOptions.DatabasePath(parse, context), context);
}
