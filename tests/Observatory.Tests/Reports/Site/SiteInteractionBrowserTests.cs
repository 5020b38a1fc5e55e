using Microsoft.Playwright;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>
/// The whole rendered site in Debian's Chromium from file://: every page reached by following
/// links, every internal link lands on a file, no console error, and site.js works: hover a chart
/// (tooltip), toggle an engine, zoom, sort and filter a table, reopen the view from its permalink.
/// Screenshots go to results/test-artifacts/site-interaction/.
/// </summary>
public class SiteInteractionBrowserTests
{
    private static readonly string Artifacts = Path.Combine(Repo.Root, "results", "test-artifacts", "site-interaction");

    [Fact]
    public async Task A_site_from_two_real_nbody_runs_has_no_dead_link_no_console_error_and_working_interaction()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        CopyWorkload("nbody", dir.Combine("workloads"));
        var db = dir.Combine("o.duckdb");
        foreach (var label in new[] { "first", "second" })
        {
            var r = MeasurementFixture.CliProcess(root, "run", "--workloads", "nbody", "--engines", "native,wasmtime-50.0.1/cranelift",
                "--min-processes", "1", "--max-processes", "1", "--iterations", "2", "--budget", "1", "--label", label, "--db", db);
            Assert.True(r.ExitCode == 0, r.Error);
        }
        var site = dir.Combine("site");
        var report = MeasurementFixture.Cli(root, "report", "--db", db, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);

        await using var b = await Session.Start();
        var pages = await b.Walk(site, synthetic: false);
        Assert.Contains("trend-nbody-O2.html", pages);
        Assert.Contains("downloads.html", pages);
        await b.Interact(site, "trend-nbody-O2.html", "real");
    }

    [Fact]
    public async Task A_site_from_a_synthetic_history_says_so_on_every_page_and_its_charts_zoom_and_toggle()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("synth.duckdb");
        var synth = MeasurementFixture.Cli(dir.Path, "synth", "--runs", "45", "--engines", "6", "--variants", "4", "--samples", "2", "--db", db);
        Assert.True(synth.ExitCode == 0, synth.Error);
        var site = dir.Combine("site");
        var report = MeasurementFixture.Cli(dir.Path, "report", "--db", db, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);

        await using var b = await Session.Start();
        var pages = await b.Walk(site, synthetic: true);
        Assert.Contains("trend-synth00-O2.html", pages);
        await b.Interact(site, "trend-synth00-O2.html", "synthetic");

        // Zoom: the last 30 runs only; the permalink keeps it.
        var page = await b.Open(site, "trend-synth00-O2.html");
        Assert.True(Nights(await page.Locator("#trend-chart .plot svg text").AllTextContentsAsync()).Min() < new DateOnly(2025, 1, 16));
        await page.ClickAsync("#trend-chart .chart-zoom button[data-last='30']");
        Assert.Contains("trend-chart.last=30", page.Url);
        var again = await b.OpenUrl(page.Url);
        Assert.Equal("true", await again.GetAttributeAsync("#trend-chart .chart-zoom button[data-last='30']", "aria-pressed"));
        var labels = await again.Locator("#trend-chart .plot svg text").AllTextContentsAsync();
        // 45 nights from 1 January: the last 30 start on the 16th.
        Assert.True(Nights(labels).Min() >= new DateOnly(2025, 1, 16), string.Join(", ", labels));
        Assert.Contains("synthetic 2025-02-14", labels);
    }

    private static List<DateOnly> Nights(IEnumerable<string> labels) =>
        labels.Where(l => l.StartsWith("synthetic ", StringComparison.Ordinal)).Select(l => DateOnly.Parse(l["synthetic ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static void CopyWorkload(string name, string corpus)
    {
        var to = Path.Combine(corpus, name);
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Workloads, name)))
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
    }

    /// <summary>One browser, the pages it opened and every console error, failed request and page error they reported.</summary>
    private sealed class Session : IAsyncDisposable
    {
        private readonly IPlaywright _pw;
        private readonly IBrowser _browser;
        private readonly List<string> _errors = [];

        private Session(IPlaywright pw, IBrowser browser) => (_pw, _browser) = (pw, browser);

        public static async Task<Session> Start()
        {
            var (pw, browser) = await Browser.LaunchAsync();
            return new Session(pw, browser);
        }

        public Task<IPage> Open(string site, string page) => OpenUrl(new Uri(Path.Combine(site, page)).AbsoluteUri);

        public async Task<IPage> OpenUrl(string url)
        {
            var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
            page.Console += (_, m) => { if (m.Type == "error") _errors.Add($"{page.Url}: console: {m.Text}"); };
            page.PageError += (_, e) => _errors.Add($"{page.Url}: {e}");
            page.RequestFailed += (_, r) => _errors.Add($"{page.Url}: request failed: {r.Url}");
            await page.GotoAsync(url);
            return page;
        }

        /// <summary>Every page reachable from index.html by links; each link's target exists; returns the pages' names.</summary>
        public async Task<List<string>> Walk(string site, bool synthetic)
        {
            var seen = new List<string>();
            var queue = new Queue<string>(["index.html"]);
            var dangling = new List<string>();
            while (queue.Count > 0)
            {
                var name = queue.Dequeue();
                if (seen.Contains(name)) continue;
                seen.Add(name);
                var page = await Open(site, name);
                Assert.Equal(synthetic ? 1 : 0, await page.Locator("#synthetic-banner").CountAsync());
                Assert.Equal(1, await page.Locator("script[src='site.js']").CountAsync());
                foreach (var href in await page.EvalOnSelectorAllAsync<string[]>("a[href]", "as => as.map(a => a.getAttribute('href'))"))
                {
                    if (href.Contains(':', StringComparison.Ordinal) || href.StartsWith('#')) continue;
                    var target = Uri.UnescapeDataString(href.Split('#')[0]);
                    if (!File.Exists(Path.Combine(site, target))) dangling.Add($"{name} -> {href}");
                    else if (target.EndsWith(".html", StringComparison.Ordinal) && !seen.Contains(target)) queue.Enqueue(target);
                }
                await page.CloseAsync();
            }
            Assert.True(dangling.Count == 0, "links to missing files:\n" + string.Join('\n', dangling));
            Assert.True(_errors.Count == 0, string.Join('\n', _errors));
            Assert.True(seen.Count >= 5, string.Join(", ", seen));
            return seen;
        }

        /// <summary>Hover, toggle, sort, filter and permalinks on a trend page and the run page; screenshots of each.</summary>
        public async Task Interact(string site, string trendPage, string shotPrefix)
        {
            Directory.CreateDirectory(Artifacts);
            var overview = await Open(site, "overview.html");
            await overview.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{shotPrefix}-overview.png") });

            var page = await Open(site, trendPage);
            var plot = page.Locator("#trend-chart .plot svg");
            Assert.Equal(1, await plot.CountAsync());
            // The history is below the workload page's phases and distributions: bring it into the viewport first.
            await plot.ScrollIntoViewIfNeededAsync();
            var box = (await plot.BoundingBoxAsync())!;
            // Hover over the right end of the plot: the latest run's values appear.
            await page.Mouse.MoveAsync(box.X + box.Width * 0.97f, box.Y + box.Height / 2);
            var tip = page.Locator("#trend-chart .chart-tip");
            Assert.True(await tip.IsVisibleAsync());
            Assert.Contains("native", await tip.InnerTextAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{shotPrefix}-trend-hover.png") });

            // Toggle an engine off from the legend: its line goes, the fragment records it.
            var engines = page.Locator("#trend-chart .chart-legend button");
            var name = await engines.First.GetAttributeAsync("data-series");
            Assert.Equal(1, await page.Locator($"#trend-chart .plot path[data-series='{name}']").CountAsync());
            await engines.First.ClickAsync();
            Assert.Equal("false", await engines.First.GetAttributeAsync("aria-pressed"));
            Assert.Equal(0, await page.Locator($"#trend-chart .plot path[data-series='{name}']").CountAsync());
            Assert.Contains("trend-chart.off=0", page.Url);
            var permalink = await OpenUrl(page.Url);
            Assert.Equal("false", await permalink.GetAttributeAsync("#trend-chart .chart-legend button >> nth=0", "aria-pressed"));
            Assert.Equal(0, await permalink.Locator($"#trend-chart .plot path[data-series='{name}']").CountAsync());
            await permalink.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{shotPrefix}-trend-toggled.png") });

            // Sort the engines table of the run page by id, descending, and filter it to wasm engines.
            // index.html is the overview; the engines table is on the run's own page.
            var runPage = Path.GetFileName(Directory.GetFiles(site, "run-*.html").Order(StringComparer.Ordinal).Last());
            var run = await Open(site, runPage);
            var header = run.Locator("#engines thead th >> nth=0");
            await header.ClickAsync();
            await header.ClickAsync();
            Assert.Equal("descending", await header.GetAttributeAsync("aria-sort"));
            var ids = await run.Locator("#engines tbody tr td:first-child").AllInnerTextsAsync();
            Assert.Equal(ids.OrderByDescending(x => x, StringComparer.Ordinal).ToList(), ids.ToList());
            await run.FillAsync("input.table-filter[data-table='engines']", "native");
            var visible = await run.Locator("#engines tbody tr:visible").AllInnerTextsAsync();
            Assert.NotEmpty(visible);
            Assert.All(visible, r => Assert.Contains("native", r, StringComparison.OrdinalIgnoreCase));
            Assert.True(visible.Count < ids.Count);
            Assert.Contains("engines.q=native", run.Url);
            Assert.Contains("engines.sort=-0", run.Url);

            // The permalink restores sort and filter.
            var restored = await OpenUrl(run.Url);
            Assert.Equal("native", await restored.InputValueAsync("input.table-filter[data-table='engines']"));
            Assert.Equal("descending", await restored.GetAttributeAsync("#engines thead th >> nth=0", "aria-sort"));
            Assert.Equal(visible.ToList(), (await restored.Locator("#engines tbody tr:visible").AllInnerTextsAsync()).ToList());
            await restored.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"{shotPrefix}-run-filtered.png"), FullPage = true });
            Assert.True(_errors.Count == 0, string.Join('\n', _errors));
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _pw.Dispose();
        }
    }
}
