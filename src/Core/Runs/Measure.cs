namespace Observatory.Core.Runs;

/// <summary>
/// What a sample row measured. Time rows carry phase times (wall and CPU); instruction
/// rows come from a separate pass under valgrind's callgrind, whose times are
/// meaningless (the program runs ~50x slower) and are never mixed into time statistics.
/// </summary>
public enum Measure
{
    Time,
    Instructions,
}

public static class MeasureNames
{
    public static string ToWire(this Measure m) => m switch
    {
        Measure.Time => "time",
        Measure.Instructions => "instructions",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static bool TryParse(string wire, out Measure measure)
    {
        switch (wire)
        {
            case "time": measure = Measure.Time; return true;
            case "instructions": measure = Measure.Instructions; return true;
            default: measure = Measure.Time; return false;
        }
    }

    /// <summary>Rows stored before measures existed (schema version 1) are time rows.</summary>
    public static Measure Parse(string? wire) =>
        wire is null ? Measure.Time : TryParse(wire, out var m) ? m : throw new FormatException($"unknown measure '{wire}' (known: time, instructions)");
}
