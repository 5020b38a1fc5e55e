namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>Reads the import section of a wasm binary (module and field names), without compiling it.</summary>
public static class WasmImports
{
    public static IReadOnlyList<(string Module, string Name)> Read(ReadOnlySpan<byte> wasm)
    {
        var list = new List<(string, string)>();
        if (wasm.Length < 8 || wasm[0] != 0 || wasm[1] != 'a' || wasm[2] != 's' || wasm[3] != 'm') return list;
        var pos = 8;
        while (pos < wasm.Length)
        {
            var id = wasm[pos++];
            var size = (int)Leb(wasm, ref pos);
            var end = pos + size;
            if (id == 2)
            {
                var count = Leb(wasm, ref pos);
                for (var i = 0; i < (int)count; i++)
                {
                    var module = Name(wasm, ref pos);
                    var name = Name(wasm, ref pos);
                    var kind = wasm[pos++];
                    switch (kind)
                    {
                        case 0: Leb(wasm, ref pos); break;                                      // func: type index
                        case 1: pos++; Limits(wasm, ref pos); break;                            // table: reftype + limits
                        case 2: Limits(wasm, ref pos); break;                                   // memory: limits
                        case 3: pos += 2; break;                                                // global: valtype + mut
                        case 4: pos++; Leb(wasm, ref pos); break;                               // tag: attribute + type
                        default: return list;
                    }
                    list.Add((module, name));
                }
                return list;
            }
            pos = end;
        }
        return list;
    }

    private static void Limits(ReadOnlySpan<byte> b, ref int pos)
    {
        var flags = b[pos++];
        Leb(b, ref pos);
        if ((flags & 1) != 0) Leb(b, ref pos);
    }

    private static string Name(ReadOnlySpan<byte> b, ref int pos)
    {
        var n = (int)Leb(b, ref pos);
        var s = System.Text.Encoding.UTF8.GetString(b.Slice(pos, n));
        pos += n;
        return s;
    }

    /// <summary>An unsigned LEB128 at <paramref name="pos"/>, advancing past it (shared with <see cref="CommandModuleCheck"/>).</summary>
    internal static ulong Leb(ReadOnlySpan<byte> b, ref int pos)
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var x = b[pos++];
            result |= (ulong)(x & 0x7f) << shift;
            if ((x & 0x80) == 0) return result;
            shift += 7;
        }
    }
}
