using System.Collections.Concurrent;
using Observatory.Collectors.Conformance.Engines;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Processes;

namespace Observatory.Tests.Conformance;

/// <summary>
/// Spec batches of several engines at once over one set of process slots (the emulated spec suite): every
/// batch runs once, and never more processes at a time than slots, however many engines share them.
/// </summary>
public class ProcessSlotsTests
{
    [Fact]
    public void Three_engines_sharing_two_slots_run_every_batch_once_and_never_three_processes_at_once()
    {
        var slots = new ProcessSlots(2);
        var running = 0;
        var most = 0;
        var ran = new ConcurrentBag<string>();
        IReadOnlyList<FileResult> RunBatch(string engine, IReadOnlyList<SpecFile> batch)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            // A real process per batch, as an emulated engine starts one.
            ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/sh", Arguments = ["-c", "sleep 0.05"] });
            Interlocked.Decrement(ref running);
            foreach (var f in batch) ran.Add($"{engine}:{f.RelativePath}");
            return batch.Select(f => new FileResult(f, [])).ToList();
        }
        var files = Enumerable.Range(0, 16).Select(i => new SpecFile($"/x/f{i}.wast", $"f{i}.wast", "core", 100 + i)).ToList();
        var results = new ConcurrentBag<string>();
        // Each engine plans its own batches on two workers, as SpecRunOptions.Parallelism = jobs gives it.
        var engines = new[] { "a", "b", "c" }.Select(e => new Thread(() =>
            SpecBatches.Run(files, 2, batch => RunBatch(e, batch), r => results.Add($"{e}:{r.File.RelativePath}"), slots))).ToList();
        engines.ForEach(t => t.Start());
        engines.ForEach(t => t.Join());

        Assert.Equal(48, ran.Count);
        Assert.Equal(48, ran.Distinct().Count());
        Assert.Equal(ran.Order(StringComparer.Ordinal), results.Order(StringComparer.Ordinal));
        Assert.InRange(most, 1, 2);
    }

    [Fact]
    public void Without_slots_nothing_waits()
    {
        using (ProcessSlots.Hold(null))
        using (ProcessSlots.Hold(null)) { }
        var one = new ProcessSlots(1);
        using (ProcessSlots.Hold(one)) { }
        // Given back: it can be taken again.
        using (ProcessSlots.Hold(one)) { }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
