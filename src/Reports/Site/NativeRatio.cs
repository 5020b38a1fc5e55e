using Observatory.Reports.Site.Rows;

namespace Observatory.Reports.Site;

/// <summary>
/// A cell's ratio to native, labelled with what it compares. The stored ratio divides the cell's
/// headline by native's headline. When the engine could not time the bench region (runtime CLIs,
/// components: its headline is the execute phase) while native's headline is the region, the two
/// sides are unlike spans (wasm3 on handler-c/O2: "737× native"). Native's execute phase is no
/// like-for-like substitute either (it is a whole sandboxed process), so such a ratio is shown with
/// a caption that says what it divides, and is left out of charts and scores that rank engines.
/// </summary>
public sealed record NativeRatio(double Value, double? Low, double? High, string Span, bool Comparable)
{
    /// <summary>What follows the "×": "native", or what the two sides of an unlike ratio are.</summary>
    public string Caption => Comparable ? "native"
        : Span == "burst" ? "native (fresh instances over native's fresh processes, not comparable)"
        : "native bench region (this engine: execute phase, not comparable)";

    public static NativeRatio? For(double? storedRatio, double? storedLow, double? storedHigh, CellSpan? cell, CellSpan? native)
    {
        if (storedRatio is null) return null;
        // Without sample spans (no samples stored) only the stored ratio is known.
        if (cell is null || native is null) return new NativeRatio(storedRatio.Value, storedLow, storedHigh, "headline", true);
        // A burst's native side spawns a process per request, a wasm engine an instance: unlike spans
        // (ratios stored before the harness stopped storing them are still labelled).
        var burst = cell.IsBurst && cell.EngineId != native.EngineId;
        return new NativeRatio(storedRatio.Value, storedLow, storedHigh, burst ? "burst" : cell.Span, !burst && cell.HasRegion == native.HasRegion);
    }
}
