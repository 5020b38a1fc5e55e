namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Slots for engine processes shared by engines that run their files at the same time (the spec suite on every
/// emulated engine at once): a batch or file runs only while it holds a slot, so the engines together keep
/// every core busy, none idle while one engine finishes its tail, and no more processes run than cores asked for.
/// </summary>
public sealed class ProcessSlots(int count)
{
    private readonly SemaphoreSlim _free = new(Math.Max(1, count), Math.Max(1, count));

    /// <summary>Waits for a free slot (none to wait for without slots); disposing gives it back.</summary>
    public static IDisposable Hold(ProcessSlots? slots)
    {
        if (slots is null) return NoSlot.Instance;
        slots._free.Wait();
        return new Held(slots._free);
    }

    private sealed class Held(SemaphoreSlim free) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) free.Release();
        }
    }

    private sealed class NoSlot : IDisposable
    {
        public static readonly NoSlot Instance = new();
        public void Dispose() { }
    }
}
