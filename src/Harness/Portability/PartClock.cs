using System.Diagnostics;
using System.Globalization;
using Observatory.Collectors.Processes;

namespace Observatory.Harness.Portability;

/// <summary>
/// What one part of a portability run costs while its items run among other parts' items: wall time from its
/// first item's start to its last item's end, and the CPU of the processes its own items started (a
/// <see cref="CpuTally"/>, so another part's processes running meanwhile are not counted). Logs the part's line
/// when its last item ends.
/// </summary>
public sealed class PartClock(string isa, string engine, int cells, TextWriter log)
{
    private readonly CpuTally _cpu = new();
    private readonly Lock _lock = new();
    private long _first = long.MaxValue, _last = long.MinValue;
    private int _pending;
    private bool _logged;

    /// <summary>Says how many queue items belong to this part, before any of them runs.</summary>
    public void Expect(int items) => Interlocked.Add(ref _pending, items);

    /// <summary>Runs one item of this part, counting its processes' CPU and widening the part's span.</summary>
    public void Run(Action item)
    {
        var start = Stopwatch.GetTimestamp();
        lock (_lock) _first = Math.Min(_first, start);
        try
        {
            using (_cpu.Enter()) item();
        }
        finally
        {
            var end = Stopwatch.GetTimestamp();
            lock (_lock) _last = Math.Max(_last, end);
            if (Interlocked.Decrement(ref _pending) == 0) LogOnce();
        }
    }

    public PortabilityPart Part
    {
        get
        {
            lock (_lock)
                return new(isa, engine, cells, _last < _first ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_first, _last), _cpu.Cpu);
        }
    }

    /// <summary>Logs the part's line (once): when its last item ends, or at the end of the run for a part that had nothing to run.</summary>
    public void LogOnce()
    {
        lock (_lock)
        {
            if (_logged) return;
            _logged = true;
        }
        var part = Part;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  part {isa} {engine}: {cells} cells in {part.Wall.TotalSeconds:0} s wall, {part.Cpu.TotalSeconds:0} s CPU of its processes"));
    }
}
