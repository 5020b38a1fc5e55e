using System.Runtime.ExceptionServices;

namespace Observatory.Harness.Portability;

/// <summary>
/// One queue over the work of many parts: every item, longest first across all parts (ties in the order
/// given), taken by <c>jobs</c> workers as each becomes free. Emulation is CPU-bound, about one core per
/// process, so no core waits while any item is left: one part's short tail overlaps the next part's work.
/// </summary>
public static class WorkQueue
{
    /// <summary>An item: the part it belongs to, its expected cost (seconds, only compared), and the work.</summary>
    public sealed record Item(PartClock Part, double Cost, Action Work);

    public static void Run(IReadOnlyList<Item> items, int jobs, CancellationToken ct)
    {
        var ordered = items.Select((item, i) => (item, i)).OrderByDescending(x => x.item.Cost).ThenBy(x => x.i).Select(x => x.item).ToList();
        foreach (var item in ordered) item.Part.Expect(1);
        var next = -1;
        void Worker()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < ordered.Count)
            {
                ct.ThrowIfCancellationRequested();
                ordered[i].Part.Run(ordered[i].Work);
            }
        }
        var workers = Enumerable.Range(0, Math.Clamp(jobs, 1, Math.Max(1, ordered.Count)))
            .Select(_ => Task.Factory.StartNew(Worker, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        try
        {
            Task.WaitAll(workers);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
