using Xunit;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Tests.Conformance;

public class WastParserTests
{
    private static WastScript Parse(string text) => WastParser.ParseText(text, "t.wast");

    [Fact]
    public void Strings_decode_every_escape_to_bytes()
    {
        var s = Parse("(module binary \"\\00asm\" \"\\01\\00\\00\\00\")\n(register \"a\\t\\n\\r\\\"\\'\\\\\\u{e9}\\u{1F600}\\ff\")");
        var m = Assert.IsType<ModuleDirective>(s.Directives[0]);
        Assert.Equal(new byte[] { 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0 }, m.Source.Binary);
        var r = Assert.IsType<RegisterDirective>(s.Directives[1]);
        Assert.Equal(new byte[] { (byte)'a', 9, 10, 13, (byte)'"', (byte)'\'', (byte)'\\', 0xc3, 0xa9, 0xf0, 0x9f, 0x98, 0x80, 0xff }, r.AsBytes);
    }

    [Fact]
    public void Comments_nest_and_annotations_are_ignored_around_directives()
    {
        var s = Parse("""
            ;; line comment
            (; block (; nested ;) still comment ;)
            ((@a x) module (@b) $m (func (export "f") (result i32) (i32.const 7)))
            (assert_return (@note) (invoke $m "f") (i32.const 7)) ;; trailing
            """);
        Assert.Equal(2, s.Directives.Count);
        var m = Assert.IsType<ModuleDirective>(s.Directives[0]);
        Assert.Equal("$m", m.Name);
        Assert.Equal(3, m.Line);
        var a = Assert.IsType<AssertReturnDirective>(s.Directives[1]);
        Assert.Equal("$m", a.Action.ModuleName);
        Assert.Equal(4, a.Line);
    }

    [Theory]
    [InlineData("0x1p+0", 0x3f800000u)]
    [InlineData("0x1.fffffep127", 0x7f7fffffu)]
    [InlineData("0x1p-149", 0x00000001u)]          // smallest subnormal
    [InlineData("0x1p-150", 0x00000000u)]          // exactly half of it: ties to even, rounds to 0
    [InlineData("0x1.8p-149", 0x00000002u)]        // 1.5 ulp: ties to even, rounds up to 2
    [InlineData("0x1.000001p0", 0x3f800000u)]      // below half an ulp
    [InlineData("0x1.000003p0", 0x3f800002u)]      // above half: rounds up
    [InlineData("-0x1_0.8p-1", 0xc1040000u)]       // underscores, sign, fraction
    [InlineData("1e10", 0x501502f9u)]
    [InlineData("-inf", 0xff800000u)]
    [InlineData("nan", 0x7fc00000u)]
    [InlineData("-nan:0x200000", 0xffa00000u)]
    [InlineData("nan:0x1", 0x7f800001u)]
    [InlineData("1_000.000_1", 0x447a0002u)]      // 1000.0001 is 1.6 ulp above 1000
    public void F32_literals_round_to_nearest_even(string text, uint bits)
    {
        Assert.True(WastNumbers.TryParseF32(text, out var b), text);
        Assert.Equal(bits, b);
    }

    [Theory]
    [InlineData("0x1.fffffffffffffp1023", 0x7fefffffffffffffUL)]
    [InlineData("0x1p-1074", 0x1UL)]
    [InlineData("0x0.0000000000001p-1022", 0x1UL)]
    [InlineData("-0x0p0", 0x8000000000000000UL)]
    [InlineData("nan:0x8000000000000", 0x7ff8000000000000UL)]
    [InlineData("0.1", 0x3fb999999999999aUL)]
    public void F64_literals(string text, ulong bits)
    {
        Assert.True(WastNumbers.TryParseF64(text, out var b), text);
        Assert.Equal(bits, b);
    }

    [Theory]
    [InlineData("0x1p128")]      // overflows f32
    [InlineData("nan:0x0")]      // a NaN payload must be non-zero
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("0x")]
    public void Malformed_f32_literals_are_rejected(string text) => Assert.False(WastNumbers.TryParseF32(text, out _), text);

    [Theory]
    [InlineData("-1", 32, 0xffffffffUL)]
    [InlineData("0xffff_ffff", 32, 0xffffffffUL)]
    [InlineData("-0x8000_0000", 32, 0x80000000UL)]
    [InlineData("18446744073709551615", 64, 0xffffffffffffffffUL)]
    [InlineData("-9223372036854775808", 64, 0x8000000000000000UL)]
    public void Integers_accept_signed_and_unsigned_ranges(string text, int bits, ulong value)
    {
        Assert.True(WastNumbers.TryParseInt(text, bits, out var v));
        Assert.Equal(value, v);
    }

    [Fact]
    public void Integers_out_of_range_are_rejected()
    {
        Assert.False(WastNumbers.TryParseInt("0x1_0000_0000", 32, out _));
        Assert.False(WastNumbers.TryParseInt("-2147483649", 32, out _));
    }

    [Fact]
    public void Nan_patterns_follow_their_definitions()
    {
        var s = Parse("(module)\n(assert_return (invoke \"f\") (f32.const nan:canonical) (f64.const nan:arithmetic))");
        var a = Assert.IsType<AssertReturnDirective>(s.Directives[1]);
        var canonical = Assert.IsType<NanPattern>(a.Expected[0]);
        Assert.True(canonical.Matches(WasmValue.F32(0x7fc00000)));
        Assert.True(canonical.Matches(WasmValue.F32(0xffc00000)));   // either sign
        Assert.False(canonical.Matches(WasmValue.F32(0x7fc00001)));  // payload beyond the quiet bit
        Assert.False(canonical.Matches(WasmValue.F32(0x7f800001)));  // signalling
        var arithmetic = Assert.IsType<NanPattern>(a.Expected[1]);
        Assert.True(arithmetic.Matches(WasmValue.F64(0x7ff8000000000001)));
        Assert.False(arithmetic.Matches(WasmValue.F64(0x7ff0000000000001)));
        Assert.False(arithmetic.Matches(WasmValue.F32(0x7fc00000)));  // wrong type
    }

    [Fact]
    public void V128_shapes_pack_lanes_little_endian_and_keep_nan_lanes()
    {
        var s = Parse("""
            (module)
            (invoke "f" (v128.const i16x8 1 -1 0x7fff 0 0 0 0 2))
            (assert_return (invoke "g") (v128.const f32x4 nan:canonical 1.0 -0x1p0 nan:arithmetic))
            (assert_return (invoke "h") (v128.const i64x2 -1 0x0102030405060708))
            """);
        var arg = Assert.IsType<ActionDirective>(s.Directives[1]).Action.Args[0];
        Assert.Equal(WasmType.V128, arg.Type);
        Assert.Equal(0x00007fffffff0001UL, arg.Lo);
        Assert.Equal(0x0002000000000000UL, arg.Hi);

        var p = Assert.IsType<V128Pattern>(Assert.IsType<AssertReturnDirective>(s.Directives[2]).Expected[0]);
        // lanes: 0x7fc00000 (canonical), 1.0, -1.0, 0x7fc00001 (arithmetic)
        Assert.True(p.Matches(WasmValue.V128(0x3f8000007fc00000UL, 0x7fc00001bf800000UL)));
        Assert.False(p.Matches(WasmValue.V128(0x3f8000007fc00001UL, 0x7fc00001bf800000UL)));

        var q = Assert.IsType<V128Pattern>(Assert.IsType<AssertReturnDirective>(s.Directives[3]).Expected[0]);
        Assert.True(q.Matches(WasmValue.V128(0xffffffffffffffffUL, 0x0102030405060708UL)));
    }

    [Fact]
    public void Reference_results_and_either()
    {
        var s = Parse("""
            (module)
            (assert_return (invoke "f" (ref.null extern) (ref.extern 3))
              (ref.null func) (ref.extern 3) (ref.func) (ref.struct) (either (i32.const 1) (i32.const 2)))
            """);
        var a = Assert.IsType<AssertReturnDirective>(s.Directives[1]);
        Assert.Equal(RefKind.Extern, a.Action.Args[1].Ref);
        Assert.Equal(3, a.Action.Args[1].HostId);
        Assert.True(a.Expected[0].Matches(new WasmValue(WasmType.AnyRef, Ref: RefKind.Null)));
        Assert.True(a.Expected[1].Matches(new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern, HostId: 3)));
        Assert.False(a.Expected[1].Matches(new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern, HostId: 4)));
        Assert.True(a.Expected[2].Matches(new WasmValue(WasmType.FuncRef, Ref: RefKind.Func)));
        Assert.False(a.Expected[3].Matches(new WasmValue(WasmType.AnyRef, Ref: RefKind.Array)));
        Assert.True(a.Expected[4].Matches(WasmValue.I32(2)));
        Assert.False(a.Expected[4].Matches(WasmValue.I32(3)));
    }

    [Fact]
    public void Every_module_form_and_assertion_directive()
    {
        var s = Parse("""
            (module definition $D (func (export "f")))
            (module instance $I $D)
            (module $Q quote "(func (export \"g\"))")
            (func (export "bare"))
            (memory 1)
            (register "reg" $I)
            (get $I "x")
            (assert_trap (invoke "f") "unreachable")
            (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
            (assert_exhaustion (invoke "f") "call stack exhausted")
            (assert_exception (invoke "f"))
            (assert_invalid (module (func (result i32))) "type mismatch")
            (assert_malformed (module quote "(func") "unexpected end")
            (assert_unlinkable (module (import "x" "y" (func))) "unknown import")
            (assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
            """);
        var kinds = s.Directives.Select(d => d.Kind).ToList();
        Assert.Equal(["module", "module instance", "module", "module", "register", "get", "assert_trap", "assert_trap", "assert_exhaustion",
            "assert_exception", "assert_invalid", "assert_malformed", "assert_unlinkable", "assert_uninstantiable"], kinds);
        var def = Assert.IsType<ModuleDirective>(s.Directives[0]);
        Assert.True(def.IsDefinition);
        Assert.DoesNotContain("definition", def.Source.Text);
        Assert.Equal("$D", Assert.IsType<ModuleInstanceDirective>(s.Directives[1]).DefinitionName);
        Assert.Equal("(module (func (export \"g\"))\n)", Assert.IsType<ModuleDirective>(s.Directives[2]).Source.Text);
        var bare = Assert.IsType<ModuleDirective>(s.Directives[3]);
        Assert.StartsWith("(module (func (export \"bare\"))", bare.Source.Text);
        Assert.Contains("(memory 1)", bare.Source.Text);
        Assert.NotNull(Assert.IsType<AssertTrapDirective>(s.Directives[7]).Module);
        Assert.Equal(8, s.AssertionCount);
    }

    [Fact]
    public void Bidi_controls_in_module_text_become_escapes()
    {
        var s = Parse("(module (func (export \"a\u202Eb\")))");
        var m = Assert.IsType<ModuleDirective>(s.Directives[0]);
        Assert.Contains("a\\u{202e}b", m.Source.Text);
        Assert.NotNull(TextToBinary.TryConvert(m.Source).Bytes);
    }

    [Theory]
    [InlineData("(module\n  (func)\n", 1, 1, "unclosed '('")]
    [InlineData("(module)\n(assert_return (invoke \"f\") (i32.const 0x1_0000_0000))", 2, 40, "malformed i32 literal")]
    [InlineData("(module)\n\n   (register \"a\\q\")", 3, 16, "unknown escape")]
    [InlineData("(module)\n(frobnicate)", 2, 1, "unknown directive 'frobnicate'")]
    [InlineData("(; never closed", 1, 1, "unterminated block comment")]
    [InlineData("(assert_return (invoke \"f\") (v128.const i32x4 1 2 3))", 1, 29, "needs 4 lanes")]
    public void Malformed_scripts_name_file_line_and_column(string text, int line, int column, string reason)
    {
        var e = Assert.Throws<WastParseException>(() => WastParser.ParseText(text, "dir/bad.wast"));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.StartsWith($"dir/bad.wast:{line}:{column}: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("simd_lane.wast", "simd")]
    [InlineData("relaxed_madd_nmadd.wast", "relaxed-simd")]
    [InlineData("i16x8_relaxed_q15mulr_s.wast", "relaxed-simd")]
    [InlineData("memory64.wast", "memory64")]
    [InlineData("table_grow64.wast", "memory64")]
    [InlineData("load2.wast", "multi-memory")]
    [InlineData("memory-multi.wast", "multi-memory")]
    [InlineData("return_call_ref.wast", "tail-call")]
    [InlineData("try_table.wast", "exceptions")]
    [InlineData("struct.wast", "gc")]
    [InlineData("call_ref.wast", "function-references")]
    [InlineData("i32.wast", "core")]
    [InlineData("proposals/threads/atomic.wast", "threads")]
    [InlineData("proposals/wide-arithmetic/wide-arithmetic.wast", "wide-arithmetic")]
    [InlineData("legacy/try_catch.wast", "legacy-exceptions")]
    [InlineData("gc/array.wast", "gc")]              // the spec repository's test/core layout
    [InlineData("simd/simd_lane.wast", "simd")]
    public void Features_come_from_folders_and_file_names(string path, string feature) => Assert.Equal(feature, FeatureMap.For(path));
}
