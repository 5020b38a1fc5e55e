using Observatory.Harness.Cli;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>One error policy: what the user caused is one line naming the path and the cause (exit 1); a bug is exit 70 with its stack trace after a request to report it.</summary>
public class ErrorPolicyTests
{
    [Fact]
    public void Report_to_an_unwritable_directory_is_one_line_naming_it()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db)) store.Ingest(SampleRuns.Make("r1"));
        // sysfs refuses new directories even to root (a 0555 directory would not).
        var unwritable = "/sys/observatory-site-" + Guid.NewGuid().ToString("N")[..8];
        var r = MeasurementFixture.CliProcess(dir.Path, "report", "--db", db, "--out", unwritable);
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Error}");
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("observatory report: error: ", line);
        Assert.Contains(unwritable, line);
        Assert.Contains("denied", line);
    }

    [Fact]
    public void A_full_disk_says_so_and_names_the_path()
    {
        var e = new IOException("No space left on device : '/results/runs/x/samples.parquet'", 28);
        var error = new StringWriter();
        Assert.Equal(1, ErrorPolicy.Report(e, "observatory run", error));
        Assert.Equal("observatory run: error: No space left on device : '/results/runs/x/samples.parquet'", error.ToString().TrimEnd());
    }

    [Fact]
    public void A_full_disk_whose_message_does_not_say_so_gets_the_cause_in_front()
    {
        var e = new IOException("write failed: '/results/site/index.html'", 28);
        var error = new StringWriter();
        Assert.Equal(1, ErrorPolicy.Report(e, "observatory report", error));
        Assert.Equal("observatory report: error: no space left on device (disk full): write failed: '/results/site/index.html'", error.ToString().TrimEnd());
    }

    [Fact]
    public void A_bug_is_exit_70_with_a_request_to_report_it_and_the_stack_trace()
    {
        Exception bug;
        try { throw new InvalidOperationException("the impossible happened"); }
        catch (InvalidOperationException e) { bug = e; }
        var error = new StringWriter();
        Assert.Equal(70, ErrorPolicy.Report(bug, "observatory compare", error));
        var lines = error.ToString().Split('\n');
        Assert.Equal("observatory compare: internal error: the impossible happened", lines[0]);
        Assert.Contains("please report", lines[1]);
        Assert.Contains(nameof(A_bug_is_exit_70_with_a_request_to_report_it_and_the_stack_trace), error.ToString());
    }
}
