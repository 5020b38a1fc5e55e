using Observatory.Core.Runs;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>`observatory report --markdown`: top changes, failures and conformance deltas for a CI summary.</summary>
public class MarkdownSummaryTests
{
    [Fact]
    public void The_summary_names_a_real_slowdown_and_a_new_failure_and_escapes_what_runtimes_wrote()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        var before = SampleRuns.Make("before", "main");
        var slower = before.Cells.Select(c => c with { MedianNs = c.MedianNs * 2, CiLowNs = c.CiLowNs * 2, CiHighNs = c.CiHighNs * 2 }).ToList();
        // The native cell gets twice as slow; the wasm cell now traps with a message holding markup and a pipe.
        var after = SampleRuns.Make("after", "pr|<b>") with
        {
            StartedUtc = DateTimeOffset.UtcNow.AddMinutes(5),
            Cells = [slower[0], slower[1] with { Outcome = Outcome.Trap, MedianNs = null, Message = "trap <script>x</script> | here" }],
        };
        using (var store = ObservatoryStore.Open(db))
        {
            store.Ingest(before);
            store.Ingest(after);
        }
        var file = dir.Combine("summary.md");
        var r = MeasurementFixture.Cli(dir.Path, "report", "--db", db, "--markdown", file);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal($"markdown summary written to {file}\n", r.Out);
        var md = File.ReadAllText(file);
        Assert.True(md.Contains("Run `after` (pr\\|&lt;b&gt;)", StringComparison.Ordinal), md);
        Assert.True(md.Contains("against `before` (main)", StringComparison.Ordinal), md);
        Assert.True(md.Contains("### Top changes (1 slower, 0 faster, 0 within noise, of 1 cells)", StringComparison.Ordinal), md);
        Assert.True(md.Contains("| sum/O2 | native | 900.0 µs | 1.80 ms | slower +100.0% |", StringComparison.Ordinal), md);
        Assert.True(md.Contains("### Failures (1, 1 new)", StringComparison.Ordinal), md);
        Assert.True(md.Contains("| sum/O2 | wasmtime-50.0.1/cranelift | trap | ok | trap &lt;script&gt;x&lt;/script&gt; \\| here |", StringComparison.Ordinal), md);
        Assert.DoesNotContain("<script>", md);

        // Without FILE: standard output, the same text.
        var stdout = MeasurementFixture.Cli(dir.Path, "report", "--db", db, "--markdown");
        Assert.Equal(md, stdout.Out);
    }

    [Fact]
    public void An_empty_store_says_there_is_no_run()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (ObservatoryStore.Open(db)) { }
        var r = MeasurementFixture.Cli(dir.Path, "report", "--db", db, "--markdown");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("No complete benchmark run in the store yet.", r.Out);
    }
}
