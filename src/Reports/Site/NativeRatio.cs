using Observatory.Reports.Site.Rows;

namespace Observatory.Reports.Site;

/// <summary>
/// A cell's ratio to native that compares the same span on both sides. The stored ratio divides the
/// cell's headline by native's headline; when the engine could not time the bench region (its
/// headline is the execute phase) while native's is the region, that would divide unlike things
/// (wasm3 on handler-c/O2: "737× native"). Then both execute phases are compared instead, and the
/// text says so.
/// </summary>
public sealed record NativeRatio(double Value, double? Low, double? High, string Span, bool SameAsHeadline)
{
    /// <summary>What follows the "×": "native", or "native (execute phase on both sides)".</summary>
    public string Caption => SameAsHeadline ? "native" : $"native ({Span} phase on both sides)";

    public static NativeRatio? For(double? storedRatio, double? storedLow, double? storedHigh, CellSpan? cell, CellSpan? native)
    {
        // Without sample spans (no samples stored), only the stored ratio is known.
        if (cell is null || native is null)
            return storedRatio is null ? null : new NativeRatio(storedRatio.Value, storedLow, storedHigh, "headline", true);
        if (cell.HasRegion == native.HasRegion)
            return storedRatio is null ? null : new NativeRatio(storedRatio.Value, storedLow, storedHigh, cell.Span, true);
        if (cell.MedianExecuteNs is not > 0 || native.MedianExecuteNs is not > 0) return null;
        // No bootstrap CI here: the samples of both execute phases would be needed; the text shows none rather than a wrong one.
        return new NativeRatio(cell.MedianExecuteNs.Value / native.MedianExecuteNs.Value, null, null, "execute", false);
    }
}
