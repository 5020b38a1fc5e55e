using Observatory.Collectors.Processes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// bench/simulate-nightly.sh, small: two nights of one shard job on each of two machines (distinct machine ids),
/// each job with its own database, merged into one Parquet history and one site that shows both machines, then
/// the alerts, which judge the second night against the first.
/// </summary>
public class SimulateNightlyTests
{
    [Fact]
    public void Two_machines_merge_into_one_history_one_site_and_an_alerts_report()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var work = dir.Combine("work");
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "bash",
            Arguments = [Path.Combine(Repo.Root, "bench", "simulate-nightly.sh"), work],
            Environment = new Dictionary<string, string>
            {
                ["OBSERVATORY_ROOT"] = root,
                ["OBSERVATORY"] = Path.Combine(Repo.Root, "observatory"),
                ["MACHINES"] = "test-x86_64 test-aarch64",
                ["SHARDS"] = "1",
                ["NIGHTS"] = "2",
                ["WORKLOADS"] = "noop",
                ["ENGINES"] = "wasmtime-*/cranelift",
                ["RUN_ARGS"] = "--profile quick --min-processes 1 --max-processes 1 --iterations 3 --no-overhead",
            },
            Timeout = TimeSpan.FromMinutes(8),
        });
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("4 ingested, 0 already stored, 0 rejected", r.Stdout);
        foreach (var machine in new[] { "test-x86_64", "test-aarch64" })
            Assert.Equal(2, Directory.GetDirectories(Path.Combine(work, "history", $"machine={machine}"), "*", SearchOption.AllDirectories)
                .Count(d => File.Exists(Path.Combine(d, "samples.parquet"))));

        // Both machines side by side: the workload's history page lists each as its own environment.
        var trend = Assert.Single(Directory.GetFiles(Path.Combine(work, "site"), "trend-noop-*.html"));
        var html = File.ReadAllText(trend);
        Assert.Contains("test-x86_64", html);
        Assert.Contains("test-aarch64", html);

        var alerts = File.ReadAllText(Path.Combine(work, "alerts.md"));
        Assert.Contains("### Observatory regression alerts", alerts);
        // Night 2's run on each machine, each judged against night 1's on the same machine.
        Assert.Contains(" in 2 new runs (2 series judged, 0 without an earlier run on their machine)", alerts);
    }
}
