using Xunit;
using Observatory.Collectors.Processes;

namespace Observatory.Tests.Collectors;

/// <summary>
/// A child with an idle timeout is killed when its stdout stays silent that long, not while it keeps
/// talking past it; and the CPU it burns is counted.
/// </summary>
public class ChildProcessIdleTests
{
    private static ChildProcessResult Shell(string script, TimeSpan idle) => ChildProcess.Run(new ChildProcessSpec
    {
        FileName = "/bin/sh", Arguments = ["-c", script], Timeout = TimeSpan.FromMinutes(2), IdleTimeout = idle,
    });

    [Fact]
    public void A_silent_child_is_killed_as_timed_out_with_what_it_said()
    {
        var r = Shell("echo first; sleep 60; echo never", TimeSpan.FromSeconds(2));
        Assert.True(r.TimedOut);
        Assert.Equal("first\n", r.Stdout);
    }

    [Fact]
    public void A_child_that_keeps_talking_runs_past_the_idle_timeout()
    {
        // Twelve lines half a second apart: six seconds in all, never silent for five.
        var r = Shell("for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo $i; sleep 0.5; done", TimeSpan.FromSeconds(5));
        Assert.False(r.TimedOut);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Concat(Enumerable.Range(1, 12).Select(i => $"{i}\n")), r.Stdout);
    }

    [Fact]
    public void The_cpu_of_children_is_counted()
    {
        var before = ChildProcess.CpuTimeOfChildren;
        // A busy loop of well over one poll interval.
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/sh", Arguments = ["-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; echo $i"] });
        Assert.Equal("300000\n", r.Stdout);
        Assert.True(r.CpuNs > 0, "no CPU sampled for a busy child");
        Assert.True(ChildProcess.CpuTimeOfChildren - before >= TimeSpan.FromTicks(r.CpuNs / 100));
    }
}
