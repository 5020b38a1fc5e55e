using System.Globalization;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>The value types a spec assertion can pass or receive. References are grouped by hierarchy.</summary>
public enum WasmType { I32, I64, F32, F64, V128, FuncRef, ExternRef, AnyRef, ExnRef }

/// <summary>What a reference points at, as far as a host can tell.</summary>
public enum RefKind { Null, Func, Extern, Host, Any, Eq, I31, Struct, Array, Exn }

/// <summary>
/// One concrete WebAssembly value as bits: numbers in <see cref="Lo"/> (v128 in Lo + Hi,
/// little-endian lanes), references as a kind plus the host id of ref.extern / ref.host.
/// </summary>
public sealed record WasmValue(WasmType Type, ulong Lo = 0, ulong Hi = 0, RefKind Ref = RefKind.Null, long? HostId = null, string? HeapType = null)
{
    public static WasmValue I32(uint bits) => new(WasmType.I32, bits);
    public static WasmValue I64(ulong bits) => new(WasmType.I64, bits);
    public static WasmValue F32(uint bits) => new(WasmType.F32, bits);
    public static WasmValue F64(ulong bits) => new(WasmType.F64, bits);
    public static WasmValue V128(ulong lo, ulong hi) => new(WasmType.V128, lo, hi);

    public bool IsReference => Type >= WasmType.FuncRef;

    public byte[] V128Bytes()
    {
        var b = new byte[16];
        BitConverter.TryWriteBytes(b.AsSpan(0, 8), Lo);
        BitConverter.TryWriteBytes(b.AsSpan(8, 8), Hi);
        return b;
    }

    /// <summary>Bit-pattern text stored in the database: i32:0x0000002a, f64:0x7ff8000000000000, v128:0x(hi)(lo), ref.extern 1.</summary>
    public override string ToString() => Type switch
    {
        WasmType.I32 => $"i32:0x{(uint)Lo:x8}",
        WasmType.I64 => $"i64:0x{Lo:x16}",
        WasmType.F32 => $"f32:0x{(uint)Lo:x8}",
        WasmType.F64 => $"f64:0x{Lo:x16}",
        WasmType.V128 => $"v128:0x{Hi:x16}{Lo:x16}",
        _ => Ref switch
        {
            RefKind.Null => "ref.null" + (HeapType is null ? "" : " " + HeapType),
            RefKind.Extern => HostId is null ? "ref.extern" : $"ref.extern {HostId.Value.ToString(CultureInfo.InvariantCulture)}",
            RefKind.Host => HostId is null ? "ref.host" : $"ref.host {HostId.Value.ToString(CultureInfo.InvariantCulture)}",
            _ => "ref." + Ref.ToString().ToLowerInvariant(),
        },
    };
}
