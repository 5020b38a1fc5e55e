using System.Collections.Concurrent;
using Observatory.Collectors.Processes;
using Observatory.Harness.Portability;
using Xunit;

namespace Observatory.Tests.Isa;

/// <summary>
/// The portability matrix's one queue over every part: each item runs once, longest first across parts, and
/// each part's CPU is the CPU of its own processes even while another part's processes run beside them.
/// </summary>
public class WorkQueueTests
{
    /// <summary>A real child process that burns about a quarter of a second of CPU (a shell loop: no timing asserted).</summary>
    private static void Burn() => ChildProcess.Run(new ChildProcessSpec
    {
        FileName = "/bin/sh", Arguments = ["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"],
    });

    /// <summary>A real child process that uses next to no CPU.</summary>
    private static void Idle() => ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/sh", Arguments = ["-c", "sleep 0.2"] });

    [Fact]
    public void Every_item_runs_once_and_each_part_gets_its_own_processes_cpu()
    {
        var log = new StringWriter();
        var busy = new PartClock("aarch64", "busy", 3, log);
        var quiet = new PartClock("s390x", "quiet", 3, log);
        var ran = new ConcurrentBag<string>();
        var items = new List<WorkQueue.Item>();
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            items.Add(new(busy, 1, () => { Burn(); ran.Add($"busy{n}"); }));
            items.Add(new(quiet, 1, () => { Idle(); ran.Add($"quiet{n}"); }));
        }
        WorkQueue.Run(items, 2, CancellationToken.None);

        Assert.Equal(["busy0", "busy1", "busy2", "quiet0", "quiet1", "quiet2"], ran.Order(StringComparer.Ordinal));
        // The two parts ran side by side on two workers; still the shell loops' CPU is all the busy part's.
        Assert.True(busy.Part.Cpu > TimeSpan.FromSeconds(0.3), $"busy: {busy.Part}");
        Assert.True(quiet.Part.Cpu < TimeSpan.FromSeconds(0.1), $"quiet: {quiet.Part}");
        Assert.True(busy.Part.Wall > TimeSpan.Zero && quiet.Part.Wall > TimeSpan.Zero);
        // Each part says what it cost once, when its last item ends.
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("  part aarch64 busy: 3 cells in ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("  part s390x quiet: 3 cells in ", StringComparison.Ordinal));
    }

    [Fact]
    public void Longest_first_across_parts_ties_in_the_order_given()
    {
        var a = new PartClock("aarch64", "a", 2, TextWriter.Null);
        var b = new PartClock("s390x", "b", 2, TextWriter.Null);
        var order = new List<string>();
        WorkQueue.Run([
            new(a, 1, () => order.Add("a-short")),
            new(a, 5, () => order.Add("a-long")),
            new(b, 9, () => order.Add("b-longest")),
            new(b, 1, () => order.Add("b-short")),
        ], 1, CancellationToken.None);
        Assert.Equal(["b-longest", "a-long", "a-short", "b-short"], order);
    }

    [Fact]
    public void A_failing_item_fails_the_queue_with_its_own_exception()
    {
        var a = new PartClock("aarch64", "a", 1, TextWriter.Null);
        var e = Assert.Throws<InvalidOperationException>(() => WorkQueue.Run([new(a, 1, () => throw new InvalidOperationException("boom"))], 2, CancellationToken.None));
        Assert.Equal("boom", e.Message);
    }
}
