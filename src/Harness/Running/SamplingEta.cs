using System.Globalization;
using Observatory.Core.Statistics;

namespace Observatory.Harness.Running;

/// <summary>How far one cell's sampling has got, and the bounds the stop rule holds it to (in slots: engine processes).</summary>
public sealed record CellPace(int Slots, TimeSpan Spent, int MinSlots, int MaxSlots, TimeSpan Budget, bool Done, bool Failed = false);

/// <summary>
/// The time sampling still needs, for the progress lines. The basis: each unfinished cell will
/// run as many slots in total as the finished adaptive ok cells needed (their median), but never
/// fewer than its minimum (or one more slot) and never more than its own maximum or what fits in its own budget at
/// its own pace so far (seconds per slot; the budget wins over the minimum, as in <see cref="StopRule"/>). Cells are therefore judged by their own budgets and
/// speeds, so a 60 s llama2 cell beside 1 ms kernels does not skew the rest. Before any cell has
/// finished, the estimate is the upper bound. The sum of those measured seconds is scaled by
/// elapsed wall time / measured time so far, which adds what the harness spends between processes.
/// </summary>
public static class SamplingEta
{
    /// <summary>The estimate, or null while no time has been measured (no basis yet).</summary>
    public static TimeSpan? Estimate(IReadOnlyList<CellPace> cells, TimeSpan elapsed)
    {
        var measured = cells.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Spent);
        if (measured <= TimeSpan.Zero) return null;
        var paces = cells.Where(c => c.Slots > 0 && c.Spent > TimeSpan.Zero).Select(c => c.Spent.TotalSeconds / c.Slots).ToList();
        if (paces.Count == 0) return null;
        var typicalPace = Descriptive.Median(paces);
        // Failed cells stop at once and fixed-count cells (min = max) at their count: neither says how long the CI takes to settle.
        var finished = cells.Where(c => c.Done && !c.Failed && c.MaxSlots > c.MinSlots).Select(c => (double)c.Slots).ToList();
        double? typicalSlots = finished.Count == 0 ? null : Descriptive.Median(finished);

        var remaining = 0.0;
        foreach (var c in cells.Where(c => !c.Done))
        {
            var pace = c.Slots > 0 && c.Spent > TimeSpan.Zero ? c.Spent.TotalSeconds / c.Slots : typicalPace;
            // A fixed count (min = max, the overhead calibration included) runs to its count, budget or not.
            if (c.MaxSlots <= c.MinSlots)
            {
                remaining += Math.Max(1, c.MinSlots - c.Slots) * pace;
                continue;
            }
            // A cell the stop rule kept going runs at least one more slot, however typical its count already is;
            // up to its minimum, its maximum or what its budget still buys (the budget wins over the minimum).
            var inBudget = c.Spent >= c.Budget ? 0 : (int)Math.Ceiling((c.Budget - c.Spent).TotalSeconds / pace);
            var most = Math.Max(1, Math.Min(c.MaxSlots - c.Slots, inBudget));
            var slots = typicalSlots is { } t ? Math.Clamp(Math.Ceiling(Math.Max(t, c.MinSlots)) - c.Slots, 1, most) : most;
            remaining += slots * pace;
        }
        var harnessFactor = Math.Max(1, elapsed.TotalSeconds / measured.TotalSeconds);
        return TimeSpan.FromSeconds(remaining * harnessFactor);
    }

    /// <summary>"45s", "6m10s", "1h02m": short enough for a progress line.</summary>
    public static string Format(TimeSpan t)
    {
        var s = (long)Math.Round(t.TotalSeconds);
        return s switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{s}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{s / 60}m{s % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{s / 3600}h{s % 3600 / 60:00}m"),
        };
    }
}
