namespace Observatory.Reports.Store;

/// <summary>
/// Emulated engines (a foreign ISA under qemu-user) measure the emulator, not the ISA: their timings
/// are stored and shown on the architecture page as "emulated", but they never enter speed scores,
/// ratios to native, comparisons or trend lines. Every query that ranks or trends times says so
/// with this one condition, so the rule has one definition.
/// </summary>
public static class EmulatedTimings
{
    /// <summary>
    /// SQL condition: the outcomes/samples row aliased <paramref name="alias"/> was measured on real hardware
    /// (its engine is not marked emulated; rows from before schema 6 never were).
    /// </summary>
    public static string Excluded(string alias) =>
        $"NOT EXISTS (SELECT 1 FROM engines emu WHERE emu.run_id = {alias}.run_id AND emu.engine_id = {alias}.engine_id AND coalesce(emu.emulated, false))";
}
