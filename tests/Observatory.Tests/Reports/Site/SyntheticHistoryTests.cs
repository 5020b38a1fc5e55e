using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Reports.Synthetic;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>`observatory synth`: marked synthetic in the store and on every page, never mixed with measured runs.</summary>
public class SyntheticHistoryTests
{
    [Fact]
    public void Synth_writes_the_requested_shape_marked_synthetic_and_the_store_refuses_measured_runs()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("synth.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "synth", "--runs", "8", "--engines", "5", "--variants", "3", "--samples", "2", "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("8 runs (8 new) x 5 engines x 3 variants x 2 samples = 240 samples", r.Out);
        using (var store = ObservatoryStore.Open(db, readOnly: true))
        {
            Assert.Equal(8L, store.Scalar<long>("SELECT count(*) FROM runs WHERE synthetic"));
            Assert.Equal(240L, store.Scalar<long>("SELECT count(*) FROM samples"));
            Assert.Equal(8L * 5 * 3, store.Scalar<long>("SELECT count(*) FROM outcomes"));
            Assert.True(store.IsSynthetic);
        }
        // The same options give the same history: a second synth adds nothing.
        var again = MeasurementFixture.Cli(dir.Path, "synth", "--runs", "8", "--engines", "5", "--variants", "3", "--samples", "2", "--db", db);
        Assert.Contains("(0 new)", again.Out);

        var bundle = Observatory.Reports.Bundles.RunBundle.Write(SampleRuns.Make("measured"), dir.Combine("bundles"));
        var ingest = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, ingest.ExitCode);
        Assert.Equal($"observatory ingest: error: database {db} holds a synthetic history; measured run measured was not stored (use another --db for real results)\n", ingest.Error);
    }

    [Fact]
    public void A_measured_store_refuses_a_synthetic_history()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db)) store.Ingest(SampleRuns.Make("measured"));
        var r = MeasurementFixture.Cli(dir.Path, "synth", "--runs", "2", "--engines", "2", "--variants", "1", "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("holds measured runs; synthetic run synthetic-2025-01-01 was not stored", r.Error);
        using var check = ObservatoryStore.Open(db, readOnly: true);
        Assert.Equal(1L, check.Scalar<long>("SELECT count(*) FROM runs"));
        Assert.False(check.IsSynthetic);
    }

    [Fact]
    public void Every_page_of_a_synthetic_site_carries_the_banner_and_none_of_a_measured_one_does()
    {
        using var dir = new TempDirectory();
        using (var store = ObservatoryStore.Open(dir.Combine("synth.duckdb")))
        {
            foreach (var run in new SyntheticHistory(new SyntheticOptions(Runs: 3, Engines: 3, Variants: 2, Samples: 1)).Runs()) store.Ingest(run);
            SiteRenderer.Render(store, dir.Combine("synth-site"));
        }
        using (var store = ObservatoryStore.Open(dir.Combine("real.duckdb")))
        {
            store.Ingest(SampleRuns.Make("measured"));
            SiteRenderer.Render(store, dir.Combine("real-site"));
        }
        var synthetic = Directory.GetFiles(dir.Combine("synth-site"), "*.html");
        Assert.True(synthetic.Length >= 8, string.Join(", ", synthetic.Select(Path.GetFileName)));
        Assert.All(synthetic, p => Assert.Contains("id=\"synthetic-banner\"", File.ReadAllText(p)));
        Assert.All(Directory.GetFiles(dir.Combine("real-site"), "*.html"), p => Assert.DoesNotContain("id=\"synthetic-banner\"", File.ReadAllText(p)));
    }

    [Fact]
    public void Synth_names_a_bad_option()
    {
        using var dir = new TempDirectory();
        var r = MeasurementFixture.Cli(dir.Path, "synth", "--engines", "1", "--db", dir.Combine("s.duckdb"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--engines must be at least 2", r.Error);
        Assert.False(File.Exists(dir.Combine("s.duckdb")));
    }
}
