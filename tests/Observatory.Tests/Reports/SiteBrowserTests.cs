using Observatory.Core.Runs;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>The rendered report opened from file:// in a real Chromium.</summary>
public class SiteBrowserTests
{
    [Fact]
    public async Task The_report_opens_from_file_and_shows_matrix_chart_engines_and_environment()
    {
        using var dir = new TempDirectory();
        string index;
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            store.Ingest(SampleRuns.Make("older", "base"));
            store.Ingest(SampleRuns.Make("newer", "head", Outcome.Trap) with { StartedUtc = DateTimeOffset.UtcNow.AddMinutes(5) });
            index = SiteRenderer.Render(store, dir.Combine("site"), runId: "older");
        }

        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 1600 } });
            var failedRequests = new List<string>();
            page.RequestFailed += (_, r) => failedRequests.Add(r.Url);
            await page.GotoAsync(new Uri(index).AbsoluteUri);

            Assert.Equal("older", await page.InnerTextAsync("#run-id"));
            var headers = await page.Locator("#matrix thead th").AllInnerTextsAsync();
            Assert.Contains("native", headers);
            Assert.Contains("wasmtime-50.0.1/cranelift", headers);
            var okCells = page.Locator("#matrix td[data-outcome=ok]");
            Assert.Equal(2, await okCells.CountAsync());
            Assert.Contains("1.56× native", await okCells.Nth(1).InnerTextAsync());
            Assert.Contains("1.40 ms", await okCells.Nth(1).InnerTextAsync());

            // The chart is inline SVG with one bar per engine and the legend names them.
            var svg = page.Locator("#ratio-chart > svg");
            Assert.Equal(1, await svg.CountAsync());
            Assert.Contains("wasmtime-50.0.1/cranelift", await svg.InnerHTMLAsync());
            // The static SVG is hidden once site.js has drawn the live chart: the drawn one is what a reader sees.
            var box = await page.Locator("#ratio-chart .plot svg").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box!.Width > 300);

            // Engines that could not run are listed with the reason, not dropped.
            Assert.Contains("not on PATH", await page.InnerTextAsync("#engines"));
            Assert.Contains("cpu_model", await page.InnerTextAsync("#environment"));
            Assert.Equal(2, await page.Locator("#runs tbody tr").CountAsync());
            Assert.Empty(failedRequests);

            // Every recent run has its own page, linked from the runs table.
            await page.ClickAsync("#runs a[href='run-newer.html']");
            Assert.Equal("newer", await page.InnerTextAsync("#run-id"));
            Assert.Equal("trap", await page.InnerTextAsync("#matrix td[data-outcome=trap]"));
            await page.GoBackAsync();

            var shot = dir.Combine("report.png");
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            Assert.True(new FileInfo(shot).Length > 10_000);
        }
    }

    [Fact]
    public async Task A_run_with_named_regions_shows_regions_and_throughput_with_ratios_to_native()
    {
        using var dir = new TempDirectory();
        string index;
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            store.Ingest(SampleRuns.Make("plain"));
            store.Ingest(SampleRuns.WithRegions("llm") with { StartedUtc = DateTimeOffset.UtcNow.AddMinutes(5) });
            index = SiteRenderer.Render(store, dir.Combine("site"));
        }
        var html = File.ReadAllText(index);
        // No script from anywhere else: site.js beside the page and the charts' JSON data only.
        Assert.Equal(html.Split("<script").Length - 1, html.Split("<script src=\"site.js\" defer>").Length - 1 + html.Split("<script type=\"application/json\" class=\"chart-data\">").Length - 1);

        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(index).AbsoluteUri);
            Assert.Equal("llm", await page.InnerTextAsync("#run-id"));
            Assert.Contains("Regions and throughput", await page.InnerTextAsync("body"));
            var headers = await page.Locator("#regions thead th").AllInnerTextsAsync();
            Assert.Equal(["workload", "variant", "region", "work", "native", "wasmtime-50.0.1/cranelift"], headers);
            var prefill = page.Locator("#regions tr[data-region=prefill]");
            Assert.Contains("128 tokens", await prefill.InnerTextAsync());
            // 128 tokens in a 225 µs median natively, 350 µs on Wasmtime: 568,889 and 365,714 tokens/s.
            Assert.Contains("568,889 tokens/s", await prefill.Locator("td[data-engine=native]").InnerTextAsync());
            var wasm = await prefill.Locator("td[data-engine='wasmtime-50.0.1/cranelift']").InnerTextAsync();
            Assert.Contains("365,714 tokens/s", wasm);
            Assert.Contains("0.64× native rate", wasm);
            Assert.Contains("384 tokens", await page.Locator("#regions tr[data-region=decode]").InnerTextAsync());

            // A run without named regions has no such table.
            await page.GotoAsync(new Uri(Path.Combine(Path.GetDirectoryName(index)!, SiteRenderer.RunPage("plain"))).AbsoluteUri);
            Assert.Equal("plain", await page.InnerTextAsync("#run-id"));
            Assert.Equal(0, await page.Locator("#regions").CountAsync());
        }
    }

    [Fact]
    public async Task Each_workload_links_to_its_history_page_with_every_run()
    {
        using var dir = new TempDirectory();
        string index;
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            for (var i = 0; i < 3; i++)
                store.Ingest(SampleRuns.Make($"run{i}", $"night{i}") with { StartedUtc = DateTimeOffset.UtcNow.AddHours(i) });
            index = SiteRenderer.Render(store, dir.Combine("site"));
        }
        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(index).AbsoluteUri);
            await page.ClickAsync("#matrix a:text('sum')");
            Assert.EndsWith("trend-sum-O2.html", page.Url);
            Assert.Equal(6, await page.Locator("#history tbody tr").CountAsync());
            Assert.Equal(1, await page.Locator("#trend-chart > svg").CountAsync());
            Assert.Contains("night2", await page.InnerTextAsync("#trend-chart"));
            Assert.Equal(1, await page.Locator("#no-change-points").CountAsync());
        }
    }

    [Fact]
    public async Task A_failed_cell_shows_its_outcome_and_reason()
    {
        using var dir = new TempDirectory();
        string index;
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            store.Ingest(SampleRuns.Make("t", wasmOutcome: Outcome.Trap));
            index = SiteRenderer.Render(store, dir.Combine("site"));
        }
        var (pw, browser) = await Browser.LaunchAsync();
        using (pw)
        await using (browser)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(new Uri(index).AbsoluteUri);
            var bad = page.Locator("#matrix td[data-outcome=trap]");
            Assert.Equal("trap", await bad.InnerTextAsync());
            Assert.Equal("wasm trap: unreachable", await bad.GetAttributeAsync("title"));
        }
    }
}
