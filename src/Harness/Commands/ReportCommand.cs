using Observatory.Harness.Cli;
using Observatory.Reports.Site;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>Renders the static HTML report from the database.</summary>
public sealed class ReportCommand : ICommand
{
    public string Name => "report";
    public string Summary => "render the static HTML report from the database";
    public string Usage => """
        observatory report [--out DIR] [--db PATH] [--run RUN-ID]
          --out DIR     where the site goes (default results/site/); open DIR/index.html
          --db PATH     database (default results/observatory.duckdb)
          --run RUN-ID  the run to show (default: the latest)
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--out", "--db", "--run"];
    public IReadOnlyCollection<string> FlagOptions => [];

    public int Execute(CommandArgs args, CommandContext context)
    {
        using var store = ObservatoryStore.Open(args.Value("--db") ?? context.DefaultDatabase, readOnly: true);
        var path = SiteRenderer.Render(store, args.Value("--out") ?? context.DefaultSite, args.Value("--run"));
        context.Out.WriteLine($"report written to {path}");
        return 0;
    }
}
