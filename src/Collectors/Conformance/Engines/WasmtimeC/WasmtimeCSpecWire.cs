using System.Globalization;
using System.Text;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Engines.WasmtimeC;

/// <summary>
/// The text of the C host's spec protocol (drivers/wasmtime-c/spec-wire.h is the other half): byte strings as
/// <c>=HEX</c> (an empty name is <c>=</c>), values as <c>KIND:BITS</c> in hex (<c>v128:LO:HI</c>), references as
/// <c>KIND:null</c> or what the C API can tell of a non-null one, messages with backslash and newline escaped.
/// Every value crosses bit for bit, so no assertion needs a wrapper module.
/// </summary>
public static class WasmtimeCSpecWire
{
    public static string Bytes(ReadOnlySpan<byte> bytes) => "=" + Convert.ToHexStringLower(bytes);

    /// <summary>
    /// An argument as the host makes it. A (ref.null $t) does not say which hierarchy $t is in: the
    /// <paramref name="attempt"/>s try any, func, then extern, as the in-process host does.
    /// </summary>
    public static string Argument(WasmValue v, int attempt) => v.Type switch
    {
        WasmType.I32 => $"i32:{(uint)v.Lo:x}",
        WasmType.I64 => $"i64:{v.Lo:x}",
        WasmType.F32 => $"f32:{(uint)v.Lo:x}",
        WasmType.F64 => $"f64:{v.Lo:x}",
        WasmType.V128 => $"v128:{v.Lo:x}:{v.Hi:x}",
        WasmType.FuncRef when v.Ref == RefKind.Null => "funcref:null",
        WasmType.FuncRef => throw new SpecFailure(SpecFailureKind.Unsupported, "function reference arguments are not expressible in scripts"),
        WasmType.ExternRef when v.Ref == RefKind.Extern && v.HostId is { } id => $"externref:{id.ToString(CultureInfo.InvariantCulture)}",
        WasmType.ExternRef => "externref:null",
        WasmType.ExnRef => "exnref:null",
        _ when v.Ref == RefKind.Host => throw new SpecFailure(SpecFailureKind.Unsupported, "Wasmtime's C API cannot create a host anyref (ref.host)"),
        _ => attempt switch { 0 => "anyref:null", 1 => "funcref:null", _ => "externref:null" },
    };

    /// <summary>A result token of a "values" reply.</summary>
    public static WasmValue Result(string token)
    {
        var parts = token.Split(':');
        ulong Hex(int i) => ulong.Parse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (parts.Length < 2) throw new FormatException($"not a value: {token}");
        return (parts[0], parts[1]) switch
        {
            ("i32", _) => WasmValue.I32((uint)Hex(1)),
            ("i64", _) => WasmValue.I64(Hex(1)),
            ("f32", _) => WasmValue.F32((uint)Hex(1)),
            ("f64", _) => WasmValue.F64(Hex(1)),
            ("v128", _) when parts.Length == 3 => WasmValue.V128(Hex(1), Hex(2)),
            ("funcref", var r) => new WasmValue(WasmType.FuncRef, Ref: r == "null" ? RefKind.Null : RefKind.Func),
            ("externref", "null") => new WasmValue(WasmType.ExternRef, Ref: RefKind.Null),
            ("externref", "extern") => new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern),
            ("externref", var id) => new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern, HostId: long.Parse(id, CultureInfo.InvariantCulture)),
            ("anyref", var r) => new WasmValue(WasmType.AnyRef, Ref: r switch
            {
                "null" => RefKind.Null, "struct" => RefKind.Struct, "array" => RefKind.Array, "i31" => RefKind.I31, _ => RefKind.Host,
            }),
            ("exnref", var r) => new WasmValue(WasmType.ExnRef, Ref: r == "null" ? RefKind.Null : RefKind.Exn),
            _ => throw new FormatException($"not a value: {token}"),
        };
    }

    /// <summary>The message of a reply, its escapes undone.</summary>
    public static string Message(string escaped)
    {
        if (!escaped.Contains('\\')) return escaped;
        var sb = new StringBuilder(escaped.Length);
        for (var i = 0; i < escaped.Length; i++)
        {
            if (escaped[i] == '\\' && i + 1 < escaped.Length)
            {
                sb.Append(escaped[++i] == 'n' ? '\n' : escaped[i]);
                continue;
            }
            sb.Append(escaped[i]);
        }
        return sb.ToString();
    }
}
