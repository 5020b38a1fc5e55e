using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Reports.Synthetic;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Issue 11, speed: the site renders its pages on every core, each thread reading through its own
/// connection. Parallel pages must be the very pages one thread writes, and a page that cannot be
/// written must fail the render with its own error (one line for the user), not a wrapped one.
/// </summary>
public class ParallelRenderTests
{
    [Fact]
    public void Pages_rendered_on_several_threads_are_byte_for_byte_the_pages_of_one_thread()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("synth.duckdb"));
        foreach (var run in new SyntheticHistory(new SyntheticOptions(Runs: 14, Engines: 4, Variants: 3, Samples: 2)).Runs()) store.Ingest(run);

        SiteRenderer.Render(store, dir.Combine("one"), threads: 1);
        SiteRenderer.Render(store, dir.Combine("four"), threads: 4);

        var one = Pages(dir.Combine("one"));
        var four = Pages(dir.Combine("four"));
        Assert.True(one.Count > 20, string.Join(", ", one.Keys));
        Assert.Equal(one.Keys.Order(StringComparer.Ordinal), four.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, html) in one)
            Assert.True(html == four[name], $"{name} differs between one thread and four: {FirstDifference(html, four[name])}");
        // Both files of the overview are the one rendering.
        Assert.Equal(one["index.html"], one["overview.html"]);
    }

    [Fact]
    public void A_page_that_cannot_be_written_fails_the_render_with_its_own_error()
    {
        using var dir = new TempDirectory();
        using var store = ObservatoryStore.Open(dir.Combine("synth.duckdb"));
        foreach (var run in new SyntheticHistory(new SyntheticOptions(Runs: 3, Engines: 3, Variants: 2, Samples: 1)).Runs()) store.Ingest(run);
        // A directory where a page goes: writing the page fails.
        Directory.CreateDirectory(dir.Combine("site", "runs.html"));

        var e = Record.Exception(() => SiteRenderer.Render(store, dir.Combine("site"), threads: 2));

        Assert.True(e is IOException or UnauthorizedAccessException, e?.ToString() ?? "no error");
        Assert.Contains("runs.html", e!.Message);
    }

    [Fact]
    public void The_profile_names_each_family_with_its_count_costliest_first()
    {
        var profile = new SiteProfile(enabled: true);
        profile.Measure("cheap pages", () => { });
        profile.Measure("cheap pages", () => { });
        profile.Measure("dear pages", () => Thread.Sleep(30));
        var w = new StringWriter();
        profile.WriteTo(w);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("report profile: dear pages", lines[0]);
        Assert.Contains("1 ×", lines[0]);
        Assert.StartsWith("report profile: cheap pages", lines[1]);
        Assert.Contains("2 ×", lines[1]);
        Assert.StartsWith("report profile: whole site", lines[^1]);

        var off = new StringWriter();
        new SiteProfile(enabled: false).WriteTo(off);
        Assert.Equal("", off.ToString());
    }

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 80), Math.Min(160, s.Length - Math.Max(0, i - 80)));
        return $"at {i}: «{Around(a)}» against «{Around(b)}»";
    }

    private static Dictionary<string, string> Pages(string site) =>
        Directory.GetFiles(site, "*.html").ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
}
