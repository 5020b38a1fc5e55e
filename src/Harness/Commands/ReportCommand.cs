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
        var output = Path.GetFullPath(outputDirectory ?? context.DefaultSite);
        string path;
        try
        {
            SiteRenderer.Render(store, output, runId, Directory.Exists(context.WorkloadsDirectory) ? context.WorkloadsDirectory : null);
            path = Path.Combine(output, "index.html");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or unwritable --out directory is the user's to fix: one line, not a stack trace.
            var cause = DiskFull.Is(e) ? DiskFull.Cause : e.Message;
            throw new IOException($"--out {output}: cannot write the report: {cause}", e);
        }
        context.Out.WriteLine($"report written to {path}");
        return 0;
    }
}
