using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory report`: the static site from the database.</summary>
public sealed class ReportCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _out = CliOptions.Text("--out", "DIR", "where the site goes (default results/site/); open DIR/index.html");
    private readonly Option<string?> _run = CliOptions.Text("--run", "RUN-ID", "the run to show (default: the latest)");

    private readonly Option<string?> _history = HistoryOption.Create();

    public ReportCommandLine() : base("report", "render the static HTML report from the database (--db) or a Parquet history (--history)") => Declare(_out, _run, _history);

    public override int Execute(ParseResult parse, CommandContext context) =>
        new ReportCommand().Execute(GlobalOptions.DatabasePath(parse, context), parse.GetValue(_out), parse.GetValue(_run), context,
            parse.GetValue(_history), GlobalOptions.DatabaseGiven(parse));
}
