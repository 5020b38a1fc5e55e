namespace Observatory.Core.Runs;

/// <summary>Where two outputs first differ, and a few bytes of each from there (hex), for a portability finding.</summary>
public sealed record ByteDiff(long Offset, string Expected, string Actual)
{
    public const int Window = 16;

    /// <summary>Null when the outputs are identical; else the first differing offset (a shorter output differs where it ends).</summary>
    public static ByteDiff? First(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual)
    {
        var common = expected.CommonPrefixLength(actual);
        if (common == expected.Length && common == actual.Length) return null;
        return new ByteDiff(common, Hex(expected, common), Hex(actual, common));
    }

    private static string Hex(ReadOnlySpan<byte> bytes, int from) =>
        from >= bytes.Length ? "(end of output)" : Convert.ToHexStringLower(bytes.Slice(from, Math.Min(Window, bytes.Length - from)));

    /// <summary>"at byte 123: expected 0a31 got 0a32".</summary>
    public override string ToString() => $"at byte {Offset}: expected {Expected}, got {Actual}";
}
