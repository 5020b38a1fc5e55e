namespace Observatory.Core.Workloads;

/// <summary>
/// Expected stdout and/or stderr as files (a foreign module's <c>*.stdout.expected</c> and
/// <c>*.stderr.expected</c>, or <c>--expect-stdout</c>), compared by <see cref="Comparison"/>.
/// A stream without a file is not checked.
/// </summary>
public sealed record ExpectedStreams(string? StdoutFile, string? StderrFile, OutputComparison Comparison)
{
    public bool ChecksAnything => StdoutFile is not null || StderrFile is not null;

    public override string ToString() =>
        string.Join(", ", new[] { StdoutFile is null ? null : "stdout", StderrFile is null ? null : "stderr" }.Where(s => s is not null))
        + $" by {Comparison.ToWire()}";
}
