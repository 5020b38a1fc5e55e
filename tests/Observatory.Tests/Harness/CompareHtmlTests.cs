using Observatory.Core.Runs;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>`observatory compare A B --html FILE`: any pair of runs as a page in the site's layout, the table still printed.</summary>
public class CompareHtmlTests
{
    private static RunInfo At(RunInfo run, int hour) => run with { StartedUtc = new DateTimeOffset(2026, 11, 1, hour, 0, 0, TimeSpan.Zero) };

    [Fact]
    public void Compare_writes_the_page_and_still_prints_the_table()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db))
        {
            store.Ingest(At(SampleRuns.Make("base-run"), 1));
            store.Ingest(At(SampleRuns.Make("diff-run"), 2));
        }
        var page = dir.Combine("out", "cmp.html");
        var r = MeasurementFixture.Cli(dir.Path, "compare", "base-run", "diff-run", "--db", db, "--html", page);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("verdict", r.Out);
        Assert.Contains($"comparison page written to {page}", r.Error);
        var html = File.ReadAllText(page);
        Assert.Contains("id=\"compare\"", html);
        Assert.Contains("<code>base-run</code>", html);
        Assert.Contains("wasmtime-50.0.1/cranelift", html);
    }

    [Fact]
    public void An_unwritable_html_file_is_one_line_naming_the_option()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db))
        {
            store.Ingest(At(SampleRuns.Make("base-run"), 1));
            store.Ingest(At(SampleRuns.Make("diff-run"), 2));
        }
        // A directory where the file should be: cannot be written, whoever runs the test.
        var blocked = dir.Combine("blocked.html");
        Directory.CreateDirectory(blocked);
        var r = MeasurementFixture.Cli(dir.Path, "compare", "base-run", "diff-run", "--db", db, "--html", blocked);
        Assert.NotEqual(0, r.ExitCode);
        var line = Assert.Single(r.Error.Trim().Split('\n'));
        Assert.Contains($"--html {blocked}", line);
        Assert.DoesNotContain("   at ", r.Error);
    }
}
