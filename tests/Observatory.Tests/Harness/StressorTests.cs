using System.Diagnostics;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>bench/stressor.sh, the sensitivity benchmark's background load: it runs while the command runs and is gone afterwards.</summary>
public class StressorTests
{
    private static (int ExitCode, string Out, string Error) Bash(string script)
    {
        var psi = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "stressor.sh did not finish within a minute");
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    [Fact]
    public void The_stressor_runs_during_the_command_and_its_whole_group_is_gone_afterwards()
    {
        // Inside: the stressor's pid, its name, and how many processes its group has (stress-ng forks workers).
        // On a loaded machine stress-ng takes a while to fork its workers: wait up to 20 s for them.
        var r = Bash("bench/stressor.sh run 3 0 -- bash -c 'for i in $(seq 100); do [ $(pgrep -g $STRESSOR_PID | wc -l) -ge 3 ] && break; sleep 0.2; done; "
                     + "echo $STRESSOR_PID; cat /proc/$STRESSOR_PID/comm; pgrep -g $STRESSOR_PID | tr \"\\n\" \" \"'");
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pid = int.Parse(lines[0]);
        Assert.Equal("stress-ng", lines[1].Trim());
        var group = lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.True(group.Count >= 2, $"a memory and a CPU stressor run beside their parent, got {lines[2]}");
        Assert.All(group.Append(pid), p => Assert.False(Alive(p), $"process {p} of the stressor outlived stressor.sh"));
    }

    [Fact]
    public void A_failing_command_still_stops_the_stressor_and_passes_on_its_status()
    {
        var r = Bash("bench/stressor.sh run 2 -- bash -c 'echo $STRESSOR_PID; exit 7'");
        Assert.Equal(7, r.ExitCode);
        Assert.False(Alive(int.Parse(r.Out.Trim())), "the stressor outlived a failing command");
    }

    [Fact]
    public void Sourced_helpers_start_and_stop_and_reject_an_unknown_level()
    {
        var r = Bash("source bench/stressor.sh; stressor_start 1 0; pid=$stressor_pid; sleep 0.5; kill -0 $pid && echo running; stressor_stop; kill -0 $pid 2>/dev/null || echo stopped; stressor_start 9 || echo refused $?");
        Assert.Equal("running\nstopped\nrefused 2\n", r.Out);
        Assert.Contains("unknown level '9'", r.Error);
    }
}
