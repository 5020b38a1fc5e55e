namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Compares an engine's failure message with the one a script expects. Engines word
/// their traps and validation errors differently, so besides exact containment there is
/// a loose match through known equivalents ("integer divide by zero" vs "division by
/// zero", "undefined element" vs "table out of bounds", ...) or shared significant words.
/// A mismatch never fails an assertion: it is recorded for whoever wants to compare wording.
/// </summary>
public static class MessageMatcher
{
    private static readonly string[][] Equivalents =
    [
        ["integer divide by zero", "division by zero", "divide by zero"],
        ["integer overflow", "overflow"],
        ["invalid conversion to integer", "bad conversion to integer", "conversion", "float unrepresentable"],
        ["out of bounds memory access", "memory out of bounds", "out of bounds", "oob"],
        ["undefined element", "table out of bounds", "out of bounds table access", "table index is out of bounds", "uninitialized element", "element"],
        ["uninitialized element", "indirect call to null", "null function", "null reference", "uninitialized"],
        ["indirect call type mismatch", "bad signature", "signature mismatch", "function signature mismatch", "indirect call"],
        ["call stack exhausted", "stack overflow", "call stack", "maximum call stack", "stack exhausted"],
        ["null", "null reference", "dereferencing a null pointer", "null pointer"],
        ["cast failure", "cast failed", "failed cast", "illegal cast"],
        ["out of bounds array access", "array out of bounds", "out of bounds"],
        ["unreachable", "unreachable executed", "unreachable code"],
        ["unknown import", "has not been defined", "import", "not defined"],
        ["incompatible import type", "incompatible import", "types incompatible", "type mismatch", "mismatch"],
        ["type mismatch", "mismatch", "expected", "type"],
        ["unaligned atomic", "misaligned", "unaligned"],
        ["expected shared memory", "non-shared memory", "shared"],
    ];

    public static MessageMatch Compare(string expected, string? actual)
    {
        if (string.IsNullOrWhiteSpace(actual)) return MessageMatch.None;
        var e = expected.Trim().ToLowerInvariant();
        var a = actual.ToLowerInvariant();
        if (e.Length == 0 || a.Contains(e, StringComparison.Ordinal)) return MessageMatch.Exact;
        foreach (var group in Equivalents)
            if (group.Any(g => e.Contains(g, StringComparison.Ordinal)) && group.Any(g => a.Contains(g, StringComparison.Ordinal)))
                return MessageMatch.Loose;
        var words = e.Split([' ', '-', '_', ':', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3).ToList();
        if (words.Count > 0 && words.Count(w => a.Contains(w, StringComparison.Ordinal)) * 2 >= words.Count) return MessageMatch.Loose;
        return MessageMatch.None;
    }
}
