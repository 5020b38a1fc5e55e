using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory report`: the static site from the database, or (--markdown) a short summary for CI.</summary>
public sealed class ReportCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _out = CliOptions.Text("--out", "DIR", "where the site goes (default results/site/); open DIR/index.html");
    private readonly Option<string?> _run = CliOptions.Text("--run", "RUN-ID", "the run to show (default: the latest)");
    private readonly Option<string?> _markdown = CliOptions.OptionalText("--markdown", "FILE",
        "write a markdown summary for a CI step summary or PR comment to FILE (default: standard output) instead of the site");

    private readonly Option<string?> _history = HistoryOption.Create();

    public ReportCommandLine() : base("report", "render the static HTML report from the database (--db) or a Parquet history (--history)") => Declare(_out, _run, _history, _markdown);

    public override string? Notes =>
        "--markdown writes only the summary (no site): top changes of the latest run against the previous one, failures and conformance deltas. " +
        "Without FILE (or with -) it goes to standard output, e.g. `observatory report --markdown >> \"$GITHUB_STEP_SUMMARY\"`.";

    public override int Execute(ParseResult parse, CommandContext context)
    {
        var database = GlobalOptions.DatabasePath(parse, context);
        if (parse.GetResult(_markdown) is not null)
            return new ReportCommand().ExecuteMarkdown(database, parse.GetValue(_markdown), context);
        return new ReportCommand().Execute(database, parse.GetValue(_out), parse.GetValue(_run), context,
            parse.GetValue(_history), GlobalOptions.DatabaseGiven(parse));
    }
}
