using Observatory.Collectors.Processes;
using Observatory.Reports.Store;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>`report --out` on a real full disk (a 16 KiB tmpfs, filled): one line saying so and naming the path, exit 1 (a stack trace on main).</summary>
public class FullDiskTests
{
    [Fact]
    public void Report_to_a_full_disk_says_no_space_left_and_names_the_path()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("o.duckdb");
        using (var store = ObservatoryStore.Open(db)) store.Ingest(SampleRuns.Make("r1"));
        var disk = dir.Combine("tiny");
        Directory.CreateDirectory(disk);
        var mount = ChildProcess.Run(new ChildProcessSpec { FileName = "mount", Arguments = ["-t", "tmpfs", "-o", "size=16k", "tmpfs", disk], Timeout = TimeSpan.FromSeconds(30) });
        Assert.True(mount.ExitCode == 0, $"this test needs root's mount (tmpfs): {mount.Stderr}");
        try
        {
            // Fill it: the site's first page can then not be written.
            using (var fill = File.Create(Path.Combine(disk, "fill")))
            {
                var block = new byte[4096];
                try { while (true) fill.Write(block); }
                catch (IOException) { }
            }
            var r = MeasurementFixture.CliProcess(dir.Path, "report", "--db", db, "--out", Path.Combine(disk, "site"));
            Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}: {r.Error}");
            var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("observatory report: error: ", line);
            // A failed write says ENOSPC (the errno is its HResult); a failed preallocation (File.WriteAllText
            // of a known size) carries no errno, and .NET's own line already says the disk was full.
            Assert.Matches("no space left on device|because the disk was full", line);
            Assert.Contains(Path.Combine(disk, "site"), line);
        }
        finally
        {
            ChildProcess.Run(new ChildProcessSpec { FileName = "umount", Arguments = ["-l", disk], Timeout = TimeSpan.FromSeconds(30) });
        }
    }
}
