using DuckDB.NET.Data;
using Observatory.Reports.Bundles;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>`ingest` refuses what is not a bundle, whole, with one line naming the file and field; nothing of it is stored.</summary>
public class IngestValidationTests
{
    [Fact]
    public void A_directory_without_run_json_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var empty = dir.Combine("nothing-here");
        Directory.CreateDirectory(Path.Combine(empty, "sub"));
        var db = dir.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "ingest", empty, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"observatory ingest: error: {empty} is not a run bundle: it has no run.json, nor has any directory directly below it\n", r.Error);
        Assert.False(File.Exists(db));
    }

    // Samples are checked field by field where run.json is their source (a bundle without Parquet copies);
    // with copies, the rows come from the copies and run.json is read up to where its tail arrays begin
    // (the first must be an array, the file must end as one), so those cases use bundles of run.json alone.
    [Theory]
    [InlineData("\"samples\": [", "\"samples\": null, \"unused\": [", "field $.samples: ", false)]
    [InlineData("\"cells\": [", "\"cells\": null, \"unused\": [", "field $.cells: ", true)]
    [InlineData("\"process\": 0,", "\"process\": \"zero\",", "field $.samples[0].process: ", false)]
    [InlineData("\"runId\": \"bad-1\",", "", "", true)]
    [InlineData("\"logicalCores\": ", "\"logicalCores\": \"many\", \"was\": ", "field $.fingerprint.logicalCores: ", true)]
    public void A_malformed_run_json_is_one_line_naming_file_and_field_and_nothing_is_stored(string find, string replace, string field, bool withParquet)
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        var good = RunBundle.Write(SampleRuns.Make("good-1"), dir.Combine("runs"));
        var bad = withParquet ? RunBundle.Write(SampleRuns.Make("bad-1"), dir.Combine("runs")) : RunBundle.WriteRunJsonOnly(SampleRuns.Make("bad-1"), dir.Combine("runs"));
        var runJson = Path.Combine(bad, RunBundle.RunFile);
        var text = File.ReadAllText(runJson);
        Assert.Contains(find, text);
        File.WriteAllText(runJson, ReplaceFirst(text, find, replace));

        // Both bundles at once: the good one is not stored either, since every bundle is checked first.
        var r = MeasurementFixture.Cli(dir.Path, "ingest", dir.Combine("runs"), "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"observatory ingest: error: {runJson}: not a valid run bundle: {field}", r.Error);
        Assert.Single(r.Error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", r.Error);
        Assert.Equal(1L, Runs(db));
    }

    [Fact]
    public void A_truncated_parquet_copy_is_refused_naming_the_file()
    {
        using var dir = new TempDirectory();
        var db = StoreFiles.WithRuns(dir.Combine("o.duckdb"), 1);
        var bundle = RunBundle.Write(SampleRuns.Make("cut-1"), dir.Combine("runs"));
        var parquet = Path.Combine(bundle, "samples.parquet");
        var bytes = File.ReadAllBytes(parquet);
        File.WriteAllBytes(parquet, bytes[..(bytes.Length / 2)]);
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"observatory ingest: error: {parquet}: not a readable Parquet file (truncated or damaged: ", r.Error);
        Assert.EndsWith("); the bundle was not stored\n", r.Error);
        Assert.Equal(1L, Runs(db));
    }

    [Fact]
    public void A_bundle_of_run_json_alone_is_ingested()
    {
        using var dir = new TempDirectory();
        var bundle = RunBundle.WriteRunJsonOnly(SampleRuns.Make("alone-1"), dir.Combine("runs"));
        Assert.Equal([RunBundle.RunFile], Directory.GetFiles(bundle).Select(Path.GetFileName));
        var db = dir.Combine("o.duckdb");
        var r = MeasurementFixture.Cli(dir.Path, "ingest", bundle, "--db", db);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal(1L, Runs(db));
    }

    private static long Runs(string db)
    {
        using var conn = new DuckDBConnection($"Data Source={db};ACCESS_MODE=READ_ONLY");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM runs";
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var i = text.IndexOf(find, StringComparison.Ordinal);
        return text[..i] + replace + text[(i + find.Length)..];
    }
}
