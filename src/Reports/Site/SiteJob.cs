using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site;

/// <summary>
/// One file of the site (or several files with the same content, like index.html and overview.html)
/// and how to render it from a store. <paramref name="Family"/> names the kind of page for
/// <see cref="SiteProfile"/>; <paramref name="Cost"/> orders the work, costliest first, so the last
/// pages to finish are cheap ones and no core idles while another renders a big page.
/// </summary>
public sealed record SiteJob(string Family, IReadOnlyList<string> FileNames, Func<ObservatoryStore, string> Render, int Cost = 1)
{
    /// <summary>A page of <see cref="Pages.SitePages"/>: its model read from the store, rendered in the layout.</summary>
    public static SiteJob For(Pages.ISitePage page, string family, bool synthetic, int cost = 1, params string[] alsoAs) =>
        new(family, [page.FileName, .. alsoAs], store => Pages.SiteTemplates.Render(page, store, page.Title, synthetic), cost);

    /// <summary>
    /// Renders every job, on as many threads as the machine has cores, each thread reading through its
    /// own connection to the store (one DuckDB connection runs one query at a time). The first failure
    /// is rethrown as it was (a full disk stays an IOException the command explains in one line).
    /// </summary>
    public static void RunAll(ObservatoryStore store, string outDirectory, IEnumerable<SiteJob> jobs, SiteProfile profile, int threads)
    {
        var ordered = jobs.OrderByDescending(j => j.Cost).ToList();
        if (threads <= 1)
        {
            foreach (var job in ordered) Write(store, outDirectory, job, profile);
            return;
        }
        var readers = new ConcurrentBag<ObservatoryStore>();
        try
        {
            Parallel.ForEach(Partitioner.Create(ordered, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () =>
                {
                    var reader = store.Duplicate();
                    readers.Add(reader);
                    return reader;
                },
                (job, _, reader) =>
                {
                    Write(reader, outDirectory, job, profile);
                    return reader;
                },
                _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    private static void Write(ObservatoryStore store, string outDirectory, SiteJob job, SiteProfile profile) =>
        profile.Measure(job.Family, () =>
        {
            var html = job.Render(store);
            foreach (var name in job.FileNames)
                // Names derive from run ids and workload names: the guard keeps every file inside the site.
                File.WriteAllText(Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, name)), html, Utf8);
        });

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>Threads for a render: the machine's cores (a report is CPU-bound: templates, charts, statistics).</summary>
    public static int DefaultThreads => Math.Max(1, System.Environment.ProcessorCount);
}
