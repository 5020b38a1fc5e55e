namespace Observatory.Core.Runs;

/// <summary>
/// Whether a run sampled to its end. An interrupted run (SIGINT/SIGTERM) keeps what it measured,
/// but is never "latest" or "previous" for comparisons and reports unless named explicitly:
/// its cells have fewer samples than the protocol asked for.
/// </summary>
public static class RunStatus
{
    public const string Complete = "complete";
    public const string Interrupted = "interrupted";
}
