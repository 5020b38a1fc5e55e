using Observatory.Harness.Cli;
using Observatory.Reports.Site;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>Renders the static HTML report from the database.</summary>
public sealed class ReportCommand
{
    public int Execute(string database, string? outputDirectory, string? runId, CommandContext context)
    {
        using var store = ObservatoryStore.Open(database, readOnly: true);
        var path = SiteRenderer.Render(store, outputDirectory ?? context.DefaultSite, runId);
        context.Out.WriteLine($"report written to {path}");
        return 0;
    }
}
