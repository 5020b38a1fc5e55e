namespace Observatory.Collectors.Processes;

/// <summary>
/// The CPU time (user + system, descendants included) of the child processes started within one scope: the
/// flow of execution that entered it and the tasks that flow starts. Work that overlaps other work (a queue
/// over several parts on every core) cannot take the difference of two <see cref="ChildProcess.CpuTimeOfChildren"/>
/// readings; each child's own CPU, as <see cref="ChildProcess"/> samples it, is added here instead.
/// </summary>
public sealed class CpuTally
{
    private static readonly AsyncLocal<CpuTally?> s_current = new();
    private long _ticks;

    public TimeSpan Cpu => TimeSpan.FromSeconds(Interlocked.Read(ref _ticks) / ProcStat.TicksPerSecond);

    /// <summary>Counts every child started on this flow into this tally until the scope is disposed (scopes nest: the inner one counts).</summary>
    public IDisposable Enter()
    {
        var outer = s_current.Value;
        s_current.Value = this;
        return new Scope(outer);
    }

    /// <summary>Adds a child's ticks to the tally of the current scope, if any.</summary>
    internal static void Count(long ticks) => s_current.Value?.Add(ticks);

    private void Add(long ticks) => Interlocked.Add(ref _ticks, ticks);

    private sealed class Scope(CpuTally? outer) : IDisposable
    {
        public void Dispose() => s_current.Value = outer;
    }
}
