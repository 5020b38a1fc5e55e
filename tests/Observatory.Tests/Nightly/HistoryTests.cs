using System.Text.Json.Nodes;
using Observatory.Collectors.Processes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// The Parquet history (`ingest --history`, read by `report`, `compare` and `alerts` with --history):
/// partitioned by machine and date, idempotent, safe with two appending processes, and a damaged
/// new bundle costs only itself.
/// </summary>
[Collection(SpinRunsCollection.Name)]
public class HistoryTests(SpinRuns runs)
{
    private MeasurementFixture.CliResult Cli(params string[] args) => MeasurementFixture.Cli(runs.Root, args);

    private static IReadOnlyList<string> RunDirectories(string history) =>
        Directory.GetDirectories(history, "machine=*").SelectMany(m => Directory.GetDirectories(m, "date=*")).SelectMany(Directory.GetDirectories)
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Runs_are_filed_by_machine_and_date_once_and_read_back_by_compare_and_report()
    {
        using var dir = new TempDirectory();
        var history = dir.Combine("history");
        var first = Cli("ingest", "--history", history, runs.Bundle(runs.Fast1), runs.Bundle(runs.Slow));
        Assert.True(first.ExitCode == 0, first.Error);
        var again = Cli("ingest", "--history", history, "--json", runs.Bundle(runs.Fast1), runs.Bundle(runs.Slow));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(2, JsonNode.Parse(again.Out)!["alreadyStored"]!.AsArray().Count);
        Assert.Equal([runs.Fast1, runs.Slow], RunDirectories(history).Order(StringComparer.Ordinal));
        var machine = Assert.Single(Directory.GetDirectories(history, "machine=*"));
        Assert.All(Directory.GetDirectories(machine), d => Assert.Matches(@"^date=\d{4}-\d{2}-\d{2}$", Path.GetFileName(d)));
        Assert.All(RunDirectories(history), id => Assert.True(File.Exists(Directory.GetFiles(history, "samples.parquet", SearchOption.AllDirectories).First(f => f.Contains(id)))));

        // The same comparison from the history as from the database.
        // Fast and slow are two different modules (one does four times the work): compare refuses different module
        // hashes unless told, which is not what this test is about.
        var fromDb = JsonNode.Parse(Cli("compare", runs.Fast1, runs.Slow, "--db", runs.Database, "--json", "--allow-different-fingerprints").Out)!;
        var fromHistory = Cli("compare", runs.Fast1, runs.Slow, "--history", history, "--json", "--allow-different-fingerprints");
        Assert.True(fromHistory.ExitCode == 0, fromHistory.Error);
        var h = JsonNode.Parse(fromHistory.Out)!;
        Assert.Equal((double)fromDb["cells"]![0]!["ratio"]!, (double)h["cells"]![0]!["ratio"]!, 9);
        Assert.Equal("Slower", (string?)h["cells"]![0]!["verdict"]);

        var md = Cli("compare", runs.Fast1, runs.Slow, "--history", history, "--markdown", "--allow-different-fingerprints");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("**Slower**", md.Out);
        Assert.Contains("| workload | engine | ratio |", md.Out);

        var site = dir.Combine("site");
        var report = Cli("report", "--history", history, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains(runs.Slow, File.ReadAllText(Path.Combine(site, "index.html")));
    }

    [Fact]
    public async Task Two_processes_appending_the_same_runs_at_once_file_each_run_once()
    {
        using var dir = new TempDirectory();
        var history = dir.Combine("history");
        string[] args = ["ingest", "--history", history, "--json", runs.Bundle(runs.Fast1), runs.Bundle(runs.Fast2), runs.Bundle(runs.Slow)];
        var results = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ChildProcess.Run(new ChildProcessSpec
        {
            FileName = DotnetHost.Path,
            Arguments = [Path.Combine(AppContext.BaseDirectory, "observatory.dll"), .. args],
            Environment = new Dictionary<string, string> { ["OBSERVATORY_ROOT"] = runs.Root },
            Timeout = TimeSpan.FromMinutes(3),
        }))).ToArray();
        var done = await Task.WhenAll(results);
        foreach (var r in done) Assert.True(r.ExitCode == 0, r.Stderr);
        var filed = done.Sum(r => JsonNode.Parse(r.Stdout)!["ingested"]!.AsArray().Count);
        Assert.Equal(3, filed);
        Assert.Equal(3, RunDirectories(history).Count);
        Assert.Empty(Directory.Exists(Path.Combine(history, ".staging")) ? Directory.GetFileSystemEntries(Path.Combine(history, ".staging")) : []);
        var count = Cli("compare", runs.Fast1, runs.Fast2, "--history", history, "--json");
        Assert.True(count.ExitCode == 0, count.Error);
    }

    [Fact]
    public void A_damaged_new_bundle_is_skipped_by_name_and_the_history_and_site_survive()
    {
        using var dir = new TempDirectory();
        var history = dir.Combine("history");
        Assert.Equal(0, Cli("ingest", "--history", history, runs.Bundle(runs.Fast1), runs.Bundle(runs.Fast2)).ExitCode);

        var incoming = dir.Combine("incoming");
        var good = SpinRuns.Night(runs.Bundle(runs.Slow), incoming, 1, "tomorrow");
        var bad = SpinRuns.Night(runs.Bundle(runs.Slow), incoming, 2, "damaged");
        var runJson = Path.Combine(bad, "run.json");
        File.WriteAllText(runJson, File.ReadAllText(runJson)[..400]); // cut short, as by a shard killed mid-upload

        var ingest = Cli("ingest", "--history", history, incoming);
        Assert.Equal(1, ingest.ExitCode);
        Assert.Contains($"skipped {bad}", ingest.Error);
        Assert.Contains("1 ingested, 0 already stored, 1 rejected", ingest.Out);
        Assert.Equal([runs.Fast1, runs.Fast2, "tomorrow"], RunDirectories(history).Order(StringComparer.Ordinal));

        var site = dir.Combine("site");
        var report = Cli("report", "--history", history, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains("tomorrow", File.ReadAllText(Path.Combine(site, "index.html")));
        var alerts = Cli("alerts", "--history", history, "--since", runs.Fast2, "--json");
        Assert.True(alerts.ExitCode == 0, alerts.Error);
        Assert.Equal("tomorrow", (string?)Assert.Single(JsonNode.Parse(alerts.Out)!["newRuns"]!.AsArray()));
    }

    [Fact]
    public void A_missing_history_is_one_line_naming_it()
    {
        var r = Cli("report", "--history", runs.Dir.Combine("no-such-history"), "--out", runs.Dir.Combine("site-x"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--history", r.Error);
        Assert.Contains("no-such-history does not exist", r.Error);
        Assert.Single(r.Error.Trim().Split('\n'));
    }
}
