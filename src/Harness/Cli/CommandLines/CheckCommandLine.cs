using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory check`: is the database whole? Read-only; the same verification every write starts with.</summary>
public sealed class CheckCommandLine : ObservatoryCommand
{
    public CheckCommandLine() : base("check", "verify the database (--db) without changing it; exit 0 ok, 1 problem") { }

    public override string? Notes => "Opens the file read-only (never creates it), checks its schema version and reads every table\nin full, so DuckDB verifies every block's checksum; prints the rows read per table. Locked,\ncorrupt, newer-schema, not-a-database and missing files are each told apart, with what to do.";

    public override int Execute(ParseResult parse, CommandContext context) =>
        new CheckCommand().Execute(GlobalOptions.DatabasePath(parse, context), context);
}
