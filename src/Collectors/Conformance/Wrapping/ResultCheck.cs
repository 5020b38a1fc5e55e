using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>
/// Wasm instructions that test one result (held in a local) against an expected pattern and
/// leave 1 (matches) or 0 on the stack, by the same rules as <see cref="ResultPattern.Matches"/>:
/// exact values by their bits, nan:canonical / nan:arithmetic by the payload's top bit and the rest,
/// v128 lane by lane in the pattern's shape, references as null or non-null.
/// </summary>
public static class ResultCheck
{
    /// <summary>The instructions, or null when the pattern cannot be checked inside Wasm (a host id, a GC class).</summary>
    public static string? For(ResultPattern p, ValueClass type, string local) => p switch
    {
        ExactPattern e => Exact(e.Value, type, local),
        NanPattern n when Matches(n.FloatType, type) => Nan(n.FloatType == WasmType.F32, n.Kind, $"local.get {local} {(n.FloatType == WasmType.F32 ? "i32.reinterpret_f32" : "i64.reinterpret_f64")}"),
        V128Pattern v when type == ValueClass.V128 => Lanes(v, local),
        RefPattern r => Reference(r, type, local),
        EitherPattern e => Either(e, type, local),
        _ => null,
    };

    private static bool Matches(WasmType t, ValueClass c) => (t, c) switch
    {
        (WasmType.I32, ValueClass.I32) or (WasmType.I64, ValueClass.I64) or (WasmType.F32, ValueClass.F32)
            or (WasmType.F64, ValueClass.F64) or (WasmType.V128, ValueClass.V128) => true,
        _ => false,
    };

    private static bool SameKind(WasmType t, ValueClass c) => t switch
    {
        WasmType.I32 or WasmType.I64 or WasmType.F32 or WasmType.F64 or WasmType.V128 => Matches(t, c),
        _ => c is ValueClass.FuncRef or ValueClass.ExternRef or ValueClass.ExnRef or ValueClass.Other,
    };

    private static string? Exact(WasmValue v, ValueClass type, string local)
    {
        if (!Matches(v.Type, type)) return null;
        return v.Type switch
        {
            WasmType.I32 => $"local.get {local} i32.const {WatText.Hex((uint)v.Lo)} i32.eq",
            WasmType.I64 => $"local.get {local} i64.const {WatText.Hex(v.Lo)} i64.eq",
            WasmType.F32 => $"local.get {local} i32.reinterpret_f32 i32.const {WatText.Hex((uint)v.Lo)} i32.eq",
            WasmType.F64 => $"local.get {local} i64.reinterpret_f64 i64.const {WatText.Hex(v.Lo)} i64.eq",
            _ => $"local.get {local} i64x2.extract_lane 0 i64.const {WatText.Hex(v.Lo)} i64.eq "
                + $"local.get {local} i64x2.extract_lane 1 i64.const {WatText.Hex(v.Hi)} i64.eq i32.and",
        };
    }

    /// <summary>The NaN class test of <see cref="Spec.Nan.Matches"/> on the bits <paramref name="bits"/> pushes.</summary>
    private static string Nan(bool f32, NanKind kind, string bits)
    {
        if (f32)
            return kind == NanKind.Canonical
                ? $"{bits} i32.const 0x7fffffff i32.and i32.const 0x7fc00000 i32.eq"
                : $"{bits} i32.const 0x7fc00000 i32.and i32.const 0x7fc00000 i32.eq";
        return kind == NanKind.Canonical
            ? $"{bits} i64.const 0x7fffffffffffffff i64.and i64.const 0x7ff8000000000000 i64.eq"
            : $"{bits} i64.const 0x7ff8000000000000 i64.and i64.const 0x7ff8000000000000 i64.eq";
    }

    private static string Lanes(V128Pattern v, string local)
    {
        var checks = new List<string> { "i32.const 1" };
        for (var k = 0; k < v.Lanes.Count; k++)
        {
            var lane = v.Lanes[k];
            var (extract, wide) = v.Shape switch
            {
                "i8x16" => ($"i8x16.extract_lane_u {k}", false),
                "i16x8" => ($"i16x8.extract_lane_u {k}", false),
                "i32x4" or "f32x4" => ($"i32x4.extract_lane {k}", false),
                _ => ($"i64x2.extract_lane {k}", true),
            };
            var bits = $"local.get {local} {extract}";
            checks.Add(lane.Nan is { } kind
                ? Nan(!wide, kind, bits)
                : wide ? $"{bits} i64.const {WatText.Hex(lane.Bits)} i64.eq" : $"{bits} i32.const {WatText.Hex(lane.Bits)} i32.eq");
            checks.Add("i32.and");
        }
        return string.Join(' ', checks);
    }

    private static string? Reference(RefPattern r, ValueClass type, string local)
    {
        if (type is not (ValueClass.FuncRef or ValueClass.ExternRef or ValueClass.ExnRef)) return null;
        return r.Kind switch
        {
            RefKind.Null => $"local.get {local} ref.is_null",
            RefKind.Func when type == ValueClass.FuncRef => $"local.get {local} ref.is_null i32.eqz",
            RefKind.Exn when type == ValueClass.ExnRef => $"local.get {local} ref.is_null i32.eqz",
            // Any non-null externref is ref.extern; one with a host id names a host object Wasm cannot see.
            RefKind.Extern when type == ValueClass.ExternRef && r.HostId is null => $"local.get {local} ref.is_null i32.eqz",
            _ => null,
        };
    }

    private static string? Either(EitherPattern e, ValueClass type, string local)
    {
        var parts = new List<string>();
        foreach (var alt in e.Alternatives)
        {
            // An alternative of another type can never match a result of this type.
            var check = SameKind(alt.Type, type) ? For(alt, type, local) : "i32.const 0";
            if (check is null) return null;
            parts.Add(parts.Count == 0 ? check : check + " i32.or");
        }
        return string.Join(' ', parts);
    }
}
