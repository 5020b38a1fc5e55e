using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// `observatory alerts` on real runs: a build doing four times the work is a regression, a second run of
/// the same build is not, and a shift that holds over several nights is a change point. The threshold
/// is 50% so a loaded machine's noise cannot pass for the 4x slowdown, nor hide it (at 2x the work and a 20%
/// threshold, a loaded machine once hid the change point).
/// </summary>
[Collection(SpinRunsCollection.Name)]
public class AlertsTests(SpinRuns runs)
{
    private JsonNode Alerts(params string[] args)
    {
        var r = MeasurementFixture.Cli(runs.Root, ["alerts", "--threshold", "0.5", "--json", .. args]);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonNode.Parse(r.Out)!;
    }

    [Fact]
    public void Four_times_the_work_is_a_significant_slowdown_against_the_run_before_it()
    {
        // Only the slow run is new: it is judged against the second fast run.
        var report = Alerts("--db", runs.Database, "--since", runs.Fast2);
        var alert = Assert.Single(report["alerts"]!.AsArray())!;
        Assert.Equal("slower", (string?)alert["kind"]);
        Assert.Equal(runs.Slow, (string?)alert["runId"]);
        Assert.Equal(runs.Fast2, (string?)alert["baseRunId"]);
        Assert.Equal("adhoc-spin", (string?)alert["workload"]);
        Assert.True((double)alert["ratio"]! > 2.0, $"ratio {alert["ratio"]}");
        Assert.True((double)alert["ciLow"]! > 1.5);
        Assert.EndsWith(":adhoc-spin/module@" + (string?)alert["engine"], (string?)alert["seriesKey"]);
    }

    [Fact]
    public void A_second_run_of_the_same_build_raises_nothing()
    {
        // Judge only the second fast run (the slow one is excluded by comparing a database holding just the two fast runs).
        using var dir = new TempDirectory();
        var history = dir.Combine("history");
        var ingest = MeasurementFixture.Cli(runs.Root, "ingest", "--history", history, runs.Bundle(runs.Fast1), runs.Bundle(runs.Fast2));
        Assert.True(ingest.ExitCode == 0, ingest.Error);
        var report = Alerts("--history", history, "--since", runs.Fast1);
        Assert.Empty(report["alerts"]!.AsArray());
        Assert.Equal(1, (int)report["seriesJudged"]!);
        Assert.Equal(runs.Fast2, (string?)Assert.Single(report["newRuns"]!.AsArray()));
    }

    [Fact]
    public void A_shift_that_holds_for_three_nights_is_a_change_point_and_markdown_says_so()
    {
        using var dir = new TempDirectory();
        var bundles = dir.Combine("bundles");
        var nights = new List<string>();
        for (var day = 1; day <= 6; day++)
            nights.Add(SpinRuns.Night(runs.Bundle(day <= 3 ? runs.Fast1 : runs.Slow), bundles, day, $"night-{day}"));
        var history = dir.Combine("history");
        var ingest = MeasurementFixture.Cli(runs.Root, ["ingest", "--history", history, .. nights]);
        Assert.True(ingest.ExitCode == 0, ingest.Error);

        var report = Alerts("--history", history, "--since", "night-3");
        var kinds = report["alerts"]!.AsArray().Select(a => ((string?)a!["kind"], (string?)a["runId"])).ToList();
        Assert.Contains(("change-point", "night-4"), kinds);
        Assert.Contains(("slower", "night-4"), kinds);
        // Six runs, each counted once: the machine's fingerprint is in every run's files, and a join on it
        // must not count a run once per file that holds it.
        Assert.Contains("(6 runs on this machine)", (string?)report["alerts"]!.AsArray().First(a => (string?)a!["kind"] == "change-point")!["detail"]);
        // Nights 5 and 6 repeat night 4 exactly: nothing new against the night before.
        Assert.DoesNotContain(kinds, k => k.Item2 is "night-5" or "night-6");

        var md = MeasurementFixture.Cli(runs.Root, "alerts", "--history", history, "--since", "night-3", "--threshold", "0.5", "--markdown");
        Assert.Equal(0, md.ExitCode);
        Assert.Contains("### Observatory regression alerts", md.Out);
        Assert.Contains("| change point |", md.Out);
        Assert.Contains("`night-4`", md.Out);
    }

    [Fact]
    public void Fail_on_alert_gates_and_db_with_history_is_refused_by_name()
    {
        var gate = MeasurementFixture.Cli(runs.Root, "alerts", "--db", runs.Database, "--since", runs.Fast2, "--threshold", "0.5", "--fail-on-alert");
        Assert.Equal(1, gate.ExitCode);
        var both = MeasurementFixture.Cli(runs.Root, "alerts", "--db", runs.Database, "--history", runs.Dir.Path);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--db or --history", both.Error);
    }

    [Fact]
    public void Without_since_each_machine_s_newest_night_is_judged_against_the_night_before()
    {
        using var dir = new TempDirectory();
        var bundles = dir.Combine("bundles");
        var nights = new[] { runs.Fast1, runs.Fast2, runs.Slow }.Select((id, k) => SpinRuns.Night(runs.Bundle(id), bundles, k + 1, $"night-{k + 1}")).ToList();
        var history = dir.Combine("history");
        Assert.Equal(0, MeasurementFixture.Cli(runs.Root, ["ingest", "--history", history, .. nights]).ExitCode);

        var report = Alerts("--history", history);
        Assert.Equal("night-3", (string?)Assert.Single(report["newRuns"]!.AsArray()));
        var alert = Assert.Single(report["alerts"]!.AsArray())!;
        Assert.Equal(("slower", "night-3", "night-2"), ((string?)alert["kind"], (string?)alert["runId"], (string?)alert["baseRunId"]));
    }
}
