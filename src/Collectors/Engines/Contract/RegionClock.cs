using System.Diagnostics;

namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// The bench.start/bench.end spans of one run: wall time of each span in call order, and the
/// thread CPU time over all of them (the module runs on the thread that calls the hooks).
/// </summary>
public sealed class RegionClock : BenchHooks
{
    private long wallStart, cpuStart;
    private readonly List<long> spans = [];

    public long CpuNs { get; private set; }

    public bool Seen => spans.Count > 0;

    public IReadOnlyList<long> SpansNs => spans;

    public long TotalNs => spans.Sum();

    public override void Start()
    {
        cpuStart = ThreadCpuClock.NowNs();
        wallStart = Stopwatch.GetTimestamp();
    }

    public override void End()
    {
        var wall = Stopwatch.GetTimestamp() - wallStart;
        CpuNs += ThreadCpuClock.NowNs() - cpuStart;
        spans.Add(Nanoseconds.Of(wall));
    }
}
