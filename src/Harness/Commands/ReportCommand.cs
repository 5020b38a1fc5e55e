using Observatory.Harness.Cli;
using Observatory.Reports.Markdown;
using Observatory.Reports.Site;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>Renders the static HTML report from the database.</summary>
public sealed class ReportCommand
{
    public int Execute(string database, string? outputDirectory, string? runId, CommandContext context, string? history = null, bool databaseGiven = false)
    {
        using var store = StoreSource.OpenReadOnly(database, history, databaseGiven);
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

    /// <summary>The markdown summary to FILE, or to standard output when FILE is null or "-".</summary>
    public int ExecuteMarkdown(string database, string? file, CommandContext context)
    {
        using var store = ObservatoryStore.Open(database, readOnly: true);
        if (file is null or "-")
        {
            MarkdownSummary.Write(store, context.Out);
            return 0;
        }
        var path = Path.GetFullPath(file);
        try
        {
            using var w = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
            MarkdownSummary.Write(store, w);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--markdown {path}: cannot write the summary: {(DiskFull.Is(e) ? DiskFull.Cause : e.Message)}", e);
        }
        context.Out.WriteLine($"markdown summary written to {path}");
        return 0;
    }
}
