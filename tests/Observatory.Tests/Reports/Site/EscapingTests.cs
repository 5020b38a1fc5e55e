using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// Issue 11, bad input: names, labels, stdout-derived messages and trap messages come from runtimes,
/// workloads and users. Stored with markup in each, every page must show them as text: no element
/// they describe appears in the DOM and no handler they carry runs.
/// </summary>
public class EscapingTests
{
    private const string Script = "<script>window.__pwned = 'script'</script>";
    private const string Img = "\"><img src=x onerror=\"window.__pwned='img'\">";

    private static RunInfo Hostile(string runId, int hour)
    {
        var run = SampleRuns.Make(runId, label: Script + Img, wasmOutcome: Outcome.Trap) with { StartedUtc = new DateTimeOffset(2026, 11, 2, hour, 0, 0, TimeSpan.Zero) };
        var workload = "w" + Script;
        var variant = "O2" + Img;
        var engine = "eng" + Img;
        string E(string e) => e == "wasmtime-50.0.1/cranelift" ? engine : e;
        return run with
        {
            Samples = run.Samples.Select(s => s with { Workload = workload, Variant = variant, Engine = E(s.Engine), Message = s.Message is null ? null : "trap: " + Script + Img }).ToList(),
            Cells = run.Cells.Select(c => c with { Workload = workload, Variant = variant, Engine = E(c.Engine), Message = c.Message is null ? null : "stdout was: " + Script + Img }).ToList(),
            Engines = run.Engines.Select(e => e.IsNative ? e : e with { Id = E(e.Id), Reason = e.Reason + Img + Script }).ToList(),
            Workloads = run.Workloads.Select(w => w with { Name = workload, Variant = variant, Args = [Script, Img] }).ToList(),
        };
    }

    [Fact]
    public async Task Markup_in_names_labels_and_messages_is_shown_as_text_on_every_page()
    {
        using var dir = new TempDirectory();
        var site = dir.Combine("site");
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            store.Ingest(Hostile("h1", 1));
            var ok = SampleRuns.Make("h2", label: Img) with { StartedUtc = new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero) };
            store.Ingest(ok with { Cells = ok.Cells.Select(c => c with { Workload = "w" + Script }).ToList(), Samples = ok.Samples.Select(s => s with { Workload = "w" + Script }).ToList() });
            SiteRenderer.Render(store, site);
        }
        var pages = Directory.GetFiles(site, "*.html");
        Assert.True(pages.Length >= 4, string.Join(", ", pages.Select(Path.GetFileName)));

        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
            page.PageError += (_, e) => errors.Add(e);
            foreach (var file in pages)
            {
                await page.GotoAsync(new Uri(file).AbsoluteUri);
                Assert.Equal(0, await page.Locator("img").CountAsync());
                // The site's own script and the charts' JSON data are the only script elements.
                Assert.Equal(0, await page.Locator("script:not([src='site.js']):not(script.chart-data[type='application/json'])").CountAsync());
                Assert.Equal("none", await page.EvaluateAsync<string>("() => String(window.__pwned ?? 'none')"));
                var text = await page.InnerTextAsync("body");
                if (Path.GetFileName(file) == "index.html")
                {
                    // Shown verbatim as text, not dropped.
                    Assert.Contains("<script>window.__pwned", text);
                    Assert.Contains("onerror=", text);
                }
            }
            Assert.Empty(errors);
        }
    }
}
