using System.Globalization;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// An expected result of assert_return: an exact value, a NaN class (nan:canonical /
/// nan:arithmetic by their definitions), a v128 with per-lane patterns, a reference
/// class (ref.null, ref.extern N, ref.func, ref.struct, ...), or one of several
/// alternatives (either).
/// </summary>
public abstract record ResultPattern
{
    public abstract bool Matches(WasmValue actual);

    /// <summary>The value type this pattern expects (the first alternative's for either).</summary>
    public abstract WasmType Type { get; }
}

public sealed record ExactPattern(WasmValue Value) : ResultPattern
{
    public override WasmType Type => Value.Type;

    public override bool Matches(WasmValue a) =>
        a.Type == Value.Type && a.Lo == Value.Lo && (Value.Type != WasmType.V128 || a.Hi == Value.Hi);

    public override string ToString() => Value.ToString();
}

public enum NanKind { Canonical, Arithmetic }

public sealed record NanPattern(WasmType FloatType, NanKind Kind) : ResultPattern
{
    public override WasmType Type => FloatType;

    public override bool Matches(WasmValue a) => a.Type == FloatType && Nan.Matches(FloatType, a.Lo, Kind);

    public override string ToString() => $"{(FloatType == WasmType.F32 ? "f32" : "f64")}:nan:{Kind.ToString().ToLowerInvariant()}";
}

/// <summary>The NaN classes of the spec: canonical = only the quiet bit set in the payload; arithmetic = quiet bit set.</summary>
public static class Nan
{
    public static bool Matches(WasmType t, ulong bits, NanKind kind)
    {
        if (t == WasmType.F32)
        {
            var b = (uint)bits & 0x7fffffffu;
            return kind == NanKind.Canonical ? b == 0x7fc00000u : (b & 0x7fc00000u) == 0x7fc00000u;
        }
        var d = bits & 0x7fffffffffffffffUL;
        return kind == NanKind.Canonical ? d == 0x7ff8000000000000UL : (d & 0x7ff8000000000000UL) == 0x7ff8000000000000UL;
    }
}

/// <summary>One lane of a v128 pattern: exact bits, or a NaN class for float shapes.</summary>
public readonly record struct LanePattern(ulong Bits, NanKind? Nan);

public sealed record V128Pattern(string Shape, IReadOnlyList<LanePattern> Lanes) : ResultPattern
{
    public override WasmType Type => WasmType.V128;

    public int LaneBits => Shape switch { "i8x16" => 8, "i16x8" => 16, "i32x4" or "f32x4" => 32, _ => 64 };

    public override bool Matches(WasmValue a)
    {
        if (a.Type != WasmType.V128) return false;
        var bytes = a.V128Bytes();
        var width = LaneBits / 8;
        for (var i = 0; i < Lanes.Count; i++)
        {
            ulong lane = 0;
            for (var k = width - 1; k >= 0; k--) lane = (lane << 8) | bytes[i * width + k];
            var p = Lanes[i];
            if (p.Nan is { } kind)
            {
                if (!Nan.Matches(Shape == "f32x4" ? WasmType.F32 : WasmType.F64, lane, kind)) return false;
            }
            else if (lane != p.Bits) return false;
        }
        return true;
    }

    public override string ToString()
    {
        var digits = LaneBits / 4;
        return $"v128:{Shape}:" + string.Join(' ', Lanes.Select(l => l.Nan is { } k ? "nan:" + k.ToString().ToLowerInvariant()
            : "0x" + l.Bits.ToString("x" + digits, CultureInfo.InvariantCulture)));
    }
}

/// <summary>
/// A reference result: ref.null (any heap type, or none given), ref.extern [N], ref.host N,
/// ref.func, ref.any, ref.eq, ref.i31, ref.struct, ref.array, ref.exn.
/// </summary>
public sealed record RefPattern(RefKind Kind, long? HostId = null, string? HeapType = null) : ResultPattern
{
    public override WasmType Type => Kind switch
    {
        RefKind.Func => WasmType.FuncRef,
        RefKind.Extern => WasmType.ExternRef,
        RefKind.Exn => WasmType.ExnRef,
        RefKind.Null => HeapType switch
        {
            "func" or "nofunc" => WasmType.FuncRef,
            "extern" or "noextern" => WasmType.ExternRef,
            "exn" or "noexn" => WasmType.ExnRef,
            _ => WasmType.AnyRef,
        },
        _ => WasmType.AnyRef,
    };

    public override bool Matches(WasmValue a)
    {
        if (!a.IsReference) return false;
        return Kind switch
        {
            RefKind.Null => a.Ref == RefKind.Null,
            RefKind.Extern => a.Ref == RefKind.Extern && (HostId is null || a.HostId == HostId),
            RefKind.Host => a.Ref == RefKind.Host && a.HostId == HostId,
            RefKind.Func => a.Ref == RefKind.Func,
            RefKind.Exn => a.Ref == RefKind.Exn,
            // Subtyping: any non-null reference in the any hierarchy is ref.any; i31, struct and array are ref.eq.
            RefKind.Any => a.Ref is RefKind.Any or RefKind.Eq or RefKind.I31 or RefKind.Struct or RefKind.Array or RefKind.Host,
            RefKind.Eq => a.Ref is RefKind.Eq or RefKind.I31 or RefKind.Struct or RefKind.Array,
            RefKind.I31 => a.Ref == RefKind.I31,
            RefKind.Struct => a.Ref == RefKind.Struct,
            RefKind.Array => a.Ref == RefKind.Array,
            _ => false,
        };
    }

    public override string ToString() => Kind switch
    {
        RefKind.Null => "ref.null" + (HeapType is null ? "" : " " + HeapType),
        RefKind.Extern or RefKind.Host => $"ref.{Kind.ToString().ToLowerInvariant()}" + (HostId is null ? "" : " " + HostId.Value.ToString(CultureInfo.InvariantCulture)),
        _ => "ref." + Kind.ToString().ToLowerInvariant(),
    };
}

public sealed record EitherPattern(IReadOnlyList<ResultPattern> Alternatives) : ResultPattern
{
    public override WasmType Type => Alternatives[0].Type;

    public override bool Matches(WasmValue a) => Alternatives.Any(p => p.Matches(a));

    public override string ToString() => "either(" + string.Join(" | ", Alternatives) + ")";
}
