using System.Globalization;
using System.Text;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>Small pieces of WebAssembly text the wrapper modules are written with: strings, types, exact constants.</summary>
public static class WatText
{
    /// <summary>A text-format string for any bytes: printable ASCII as is, everything else as \hh.</summary>
    public static string String(byte[] bytes)
    {
        var sb = new StringBuilder("\"");
        foreach (var b in bytes)
        {
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') sb.Append((char)b);
            else sb.Append('\\').Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return sb.Append('"').ToString();
    }

    public static string String(string s) => String(Encoding.UTF8.GetBytes(s));

    /// <summary>The text of a value type a wrapper can import and hold; null for the others (GC and exception references).</summary>
    public static string? Type(ValueClass c) => c switch
    {
        ValueClass.I32 => "i32",
        ValueClass.I64 => "i64",
        ValueClass.F32 => "f32",
        ValueClass.F64 => "f64",
        ValueClass.V128 => "v128",
        ValueClass.FuncRef => "funcref",
        ValueClass.ExternRef => "externref",
        ValueClass.ExnRef => "exnref",
        _ => null,
    };

    public static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>
    /// Instructions that push exactly this value, bit for bit: floats through reinterpret (so a NaN
    /// keeps its payload and sign), v128 as two i64 lanes. Null for a reference carrying a host id,
    /// which Wasm code cannot make.
    /// </summary>
    public static string? Push(WasmValue v) => v.Type switch
    {
        WasmType.I32 => $"i32.const {Hex((uint)v.Lo)}",
        WasmType.I64 => $"i64.const {Hex(v.Lo)}",
        WasmType.F32 => $"i32.const {Hex((uint)v.Lo)} f32.reinterpret_i32",
        WasmType.F64 => $"i64.const {Hex(v.Lo)} f64.reinterpret_i64",
        WasmType.V128 => $"v128.const i64x2 {Hex(v.Lo)} {Hex(v.Hi)}",
        WasmType.FuncRef when v.Ref == RefKind.Null => "ref.null func",
        WasmType.ExternRef when v.Ref == RefKind.Null => "ref.null extern",
        WasmType.ExnRef when v.Ref == RefKind.Null => "ref.null exn",
        _ => null,
    };
}
