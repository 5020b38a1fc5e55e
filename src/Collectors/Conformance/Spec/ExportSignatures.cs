namespace Observatory.Collectors.Conformance.Spec;

/// <summary>How a host API without every value type sees one wasm value type.</summary>
public enum ValueClass { I32, I64, F32, F64, V128, FuncRef, ExternRef, ExnRef, Other }

/// <summary>The value types of one exported function (params, results) or global (one result).</summary>
public sealed record ExportSignature(bool IsFunction, IReadOnlyList<ValueClass> Params, IReadOnlyList<ValueClass> Results)
{
    /// <summary>For a global: declared mutable (an importing module must say so too).</summary>
    public bool Mutable { get; init; }

    /// <summary>The first value type outside <paramref name="carriable"/>, if any.</summary>
    public ValueClass? FirstOutside(IReadOnlySet<ValueClass> carriable) =>
        Params.Concat(Results).Where(c => !carriable.Contains(c)).Select(c => (ValueClass?)c).FirstOrDefault();
}

/// <summary>
/// Reads the signatures of a module's exported functions and globals straight from its
/// binary (type, import, function, global and export sections; GC type definitions
/// included). Needed by hosts whose API aborts the process when asked about a type it
/// cannot represent (wasm.h has no v128 or GC value kinds; libwasmtime's wasm.h aborts on
/// them), so the host can refuse the call first. Null when the binary cannot be read.
/// </summary>
public static class ExportSignatures
{
    public static IReadOnlyDictionary<string, ExportSignature>? Read(byte[] wasm)
    {
        try
        {
            return new Reader(wasm).ReadModule();
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or InvalidDataException or OverflowException)
        {
            return null;
        }
    }

    private sealed class Reader(byte[] b)
    {
        private int _p;

        private byte Byte() => b[_p++];

        private ulong U()
        {
            ulong r = 0;
            for (var shift = 0; ; shift += 7)
            {
                var x = Byte();
                r |= (ulong)(x & 0x7f) << shift;
                if ((x & 0x80) == 0) return r;
                if (shift > 63) throw new InvalidDataException("LEB128 too long");
            }
        }

        private int U32() => checked((int)U());

        private void S33()
        {
            while ((Byte() & 0x80) != 0) { }
        }

        private void Skip(int n) => _p += n;

        private void Name() => Skip(U32());

        private ValueClass ValType()
        {
            var t = Byte();
            switch (t)
            {
                case 0x7f: return ValueClass.I32;
                case 0x7e: return ValueClass.I64;
                case 0x7d: return ValueClass.F32;
                case 0x7c: return ValueClass.F64;
                case 0x7b: return ValueClass.V128;
                case 0x70: return ValueClass.FuncRef;
                case 0x6f: return ValueClass.ExternRef;
                case 0x63 or 0x64:
                {
                    var heap = b[_p];
                    S33();
                    return (t, heap) switch
                    {
                        (0x63, 0x70) => ValueClass.FuncRef,
                        (0x63, 0x6f) => ValueClass.ExternRef,
                        (0x63, 0x69) => ValueClass.ExnRef,
                        _ => ValueClass.Other,
                    };
                }
                default:
                    if (t == 0x69) return ValueClass.ExnRef;
                    if (t >= 0x6a && t <= 0x74) return ValueClass.Other; // abbreviated GC reference types, nullexnref
                    throw new InvalidDataException($"value type 0x{t:x2}");
            }
        }

        private void StorageType()
        {
            if (b[_p] is 0x78 or 0x77) _p++;
            else ValType();
        }

        private void Limits()
        {
            var flags = Byte();
            U();
            if ((flags & 1) != 0) U();
            if ((flags & 8) != 0) U(); // custom page size
        }

        private void TableType()
        {
            ValType();
            Limits();
        }

        private List<ValueClass> Vec()
        {
            var n = U32();
            var list = new List<ValueClass>(n);
            for (var i = 0; i < n; i++) list.Add(ValType());
            return list;
        }

        /// <summary>One composite type; function types get their signature, others a placeholder.</summary>
        private (List<ValueClass>, List<ValueClass>)? CompType()
        {
            var form = Byte();
            switch (form)
            {
                case 0x60:
                    return (Vec(), Vec());
                case 0x5f:
                {
                    var n = U32();
                    for (var i = 0; i < n; i++) { StorageType(); Byte(); }
                    return null;
                }
                case 0x5e:
                    StorageType();
                    Byte();
                    return null;
                case 0x4d or 0x4c: // custom-descriptors prefixes (describes / descriptor) before the composite type
                    U();
                    return CompType();
                default:
                    throw new InvalidDataException($"composite type 0x{form:x2}");
            }
        }

        private (List<ValueClass>, List<ValueClass>)? SubType()
        {
            if (b[_p] is 0x50 or 0x4f)
            {
                _p++;
                var n = U32();
                for (var i = 0; i < n; i++) U();
            }
            return CompType();
        }

        public Dictionary<string, ExportSignature> ReadModule()
        {
            if (b.Length < 8 || b[0] != 0 || b[1] != 0x61 || b[2] != 0x73 || b[3] != 0x6d) throw new InvalidDataException("not a module");
            _p = 8;
            var types = new List<(List<ValueClass>, List<ValueClass>)?>();
            var funcs = new List<int>();
            var globals = new List<(ValueClass Type, bool Mutable)>();
            var exports = new Dictionary<string, ExportSignature>(StringComparer.Ordinal);
            while (_p < b.Length)
            {
                var id = Byte();
                var size = U32();
                var end = _p + size;
                switch (id)
                {
                    case 1:
                        for (int i = 0, n = U32(); i < n; i++)
                        {
                            if (b[_p] == 0x4e)
                            {
                                _p++;
                                for (int j = 0, m = U32(); j < m; j++) types.Add(SubType());
                            }
                            else types.Add(SubType());
                        }
                        break;
                    case 2:
                        for (int i = 0, n = U32(); i < n; i++)
                        {
                            Name();
                            Name();
                            var kind = Byte();
                            switch (kind)
                            {
                                case 0: funcs.Add(U32()); break;
                                case 1: TableType(); break;
                                case 2: Limits(); break;
                                case 3: globals.Add((ValType(), (Byte() & 1) != 0)); break;
                                case 4: Byte(); U(); break;
                                default: throw new InvalidDataException($"import kind {kind}");
                            }
                        }
                        break;
                    case 3:
                        for (int i = 0, n = U32(); i < n; i++) funcs.Add(U32());
                        break;
                    case 6:
                        // Only the value type of each global is needed; its initializer is skipped by
                        // reading to the end opcode, which is safe for the constant instructions.
                        for (int i = 0, n = U32(); i < n; i++)
                        {
                            globals.Add((ValType(), (Byte() & 1) != 0));
                            SkipConstExpr();
                        }
                        break;
                    case 7:
                        for (int i = 0, n = U32(); i < n; i++)
                        {
                            var len = U32();
                            var name = System.Text.Encoding.UTF8.GetString(b, _p, len);
                            _p += len;
                            var kind = Byte();
                            var index = U32();
                            if (kind == 0 && index < funcs.Count && funcs[index] < types.Count && types[funcs[index]] is var (ps, rs))
                                exports[name] = new ExportSignature(true, ps, rs);
                            else if (kind == 3 && index < globals.Count)
                                exports[name] = new ExportSignature(false, [], [globals[index].Type]) { Mutable = globals[index].Mutable };
                        }
                        break;
                }
                _p = end;
            }
            return exports;
        }

        private void SkipConstExpr()
        {
            while (true)
            {
                var op = Byte();
                switch (op)
                {
                    case 0x0b: return;
                    case 0x41 or 0x42: SkipLeb(); break;
                    case 0x43: Skip(4); break;
                    case 0x44: Skip(8); break;
                    case 0x23 or 0xd2: U(); break;
                    case 0xd0: S33(); break;
                    case 0x6a or 0x6b or 0x6c or 0x7c or 0x7d or 0x7e: break;
                    case 0xfd:
                        if (U() != 12) throw new InvalidDataException("SIMD instruction in a constant expression");
                        Skip(16);
                        break;
                    case 0xfb:
                    {
                        var sub = U();
                        // struct.new / struct.new_default / array.new / array.new_default: one type index;
                        // array.new_fixed: type index and count; ref.i31, any.convert_extern, extern.convert_any: none.
                        if (sub is 0 or 1 or 6 or 7) U();
                        else if (sub == 8) { U(); U(); }
                        else if (sub is not (0x1c or 0x1a or 0x1b)) throw new InvalidDataException($"GC instruction 0xfb {sub} in a constant expression");
                        break;
                    }
                    default: throw new InvalidDataException($"opcode 0x{op:x2} in a constant expression");
                }
            }
        }

        private void SkipLeb()
        {
            while ((Byte() & 0x80) != 0) { }
        }
    }
}
