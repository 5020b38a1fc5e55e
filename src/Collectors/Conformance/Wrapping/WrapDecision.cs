using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>Whether an action needs a wrapper on an engine: some value of it cannot cross that engine's boundary.</summary>
public static class WrapDecision
{
    /// <summary>True when the action's arguments, the export's types or the expected results hold a value the engine cannot carry.</summary>
    public static bool Needed(WastAction action, ExportSignature sig, IReadOnlyList<ResultPattern>? expected, ValueCarriage carriage)
    {
        var types = sig.Params.Concat(sig.Results).ToList();
        if (!carriage.HasFlag(ValueCarriage.V128) && types.Contains(ValueClass.V128)) return true;
        if (!carriage.HasFlag(ValueCarriage.ExternRef) && types.Contains(ValueClass.ExternRef)) return true;
        if (!carriage.HasFlag(ValueCarriage.ExnRef) && types.Contains(ValueClass.ExnRef)) return true;
        if (!carriage.HasFlag(ValueCarriage.NanPayloads))
        {
            if (action.Args.Any(IsNan)) return true;
            if (expected is not null && expected.Any(ExpectsNan)) return true;
        }
        return false;
    }

    public static bool IsNan(WasmValue v) => v.Type switch
    {
        WasmType.F32 => ((uint)v.Lo & 0x7f800000u) == 0x7f800000u && ((uint)v.Lo & 0x007fffffu) != 0,
        WasmType.F64 => (v.Lo & 0x7ff0000000000000UL) == 0x7ff0000000000000UL && (v.Lo & 0x000fffffffffffffUL) != 0,
        _ => false,
    };

    private static bool ExpectsNan(ResultPattern p) => p switch
    {
        NanPattern => true,
        ExactPattern e => IsNan(e.Value),
        EitherPattern e => e.Alternatives.Any(ExpectsNan),
        _ => false,
    };
}
