namespace Observatory.Harness.Running;

/// <summary>
/// The order a workload's cells take their slots in one round: the engines' order rotated
/// by the round number, so no engine always runs first after a workload switch. With two
/// engines (an A/B run) that is A B, B A, A B, ...: the A B B A pattern, which cancels a
/// linear drift within each pair of rounds.
/// </summary>
public static class RoundOrder
{
    public static IEnumerable<T> Of<T>(IReadOnlyList<T> cells, int round)
    {
        if (cells.Count == 0) return [];
        var shift = round % cells.Count;
        return cells.Skip(shift).Concat(cells.Take(shift));
    }
}
