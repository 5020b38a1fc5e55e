using System.Text;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Wast;

/// <summary>
/// Turns a .wast file into <see cref="Directive"/>s: every directive of the spec
/// interpreter's script format (module in text, binary, quote, definition and instance
/// forms; bare module fields; register; invoke; get; assert_return with either,
/// NaN classes, v128 lanes and reference results; assert_trap on actions and modules;
/// assert_exhaustion; assert_exception; assert_invalid / malformed / unlinkable /
/// uninstantiable). Anything malformed throws <see cref="WastParseException"/> with file:line:column.
/// </summary>
public static class WastParser
{
    private static readonly HashSet<string> ModuleFields =
        ["type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data", "tag", "rec"];

    // Directives of other script dialects (threads proposal, spec's meta commands) that we parse but do not run.
    private static readonly HashSet<string> KnownUnsupported = ["thread", "wait", "script", "input", "output", "meta"];

    public static WastScript ParseFile(string path, string? displayName = null) => Parse(WastSource.Load(path, displayName));

    public static WastScript ParseText(string text, string displayName = "input.wast") => Parse(new WastSource(displayName, text));

    public static WastScript Parse(WastSource src)
    {
        var top = WastLexer.ReadAll(src);
        var ctx = new Ctx(src);
        var list = new List<Directive>();
        var i = 0;
        while (i < top.Count)
        {
            if (top[i] is not SList l) throw src.Error(top[i].Start, $"expected a directive in parentheses, found '{Describe(top[i])}'");
            var head = l.Head ?? throw src.Error(l.Start, "expected a directive keyword after '('");
            if (ModuleFields.Contains(head))
            {
                // A script may be just module fields: consecutive ones form one implicit module.
                var j = i;
                while (j < top.Count && top[j] is SList f && f.Head is { } h && ModuleFields.Contains(h)) j++;
                var text = "(module " + src.Text[top[i].Start..top[j - 1].End] + ")";
                list.Add(new ModuleDirective
                {
                    Index = list.Count, Line = ctx.Line(l), Column = ctx.Col(l), Kind = "module",
                    Source = new ModuleSource(ModuleFormat.Text, ModuleText.EscapeForConverter(text), null),
                });
                i = j;
                continue;
            }
            list.Add(ParseDirective(ctx, l, list.Count));
            i++;
        }
        return new WastScript(src, list);
    }

    private sealed class Ctx(WastSource src)
    {
        public WastSource Src { get; } = src;
        public int Line(SExpr e) => Src.Position(e.Start).Line;
        public int Col(SExpr e) => Src.Position(e.Start).Column;
        public WastParseException Error(SExpr e, string message) => Src.Error(e.Start, message);
    }

    private static Directive ParseDirective(Ctx c, SList l, int index)
    {
        var head = l.Head!;
        var line = c.Line(l);
        var col = c.Col(l);
        switch (head)
        {
            case "module":
                return ParseModule(c, l, index);
            case "register":
            {
                var name = Str(c, l, 1, "register needs a name string");
                string? module = null;
                if (l.Items.Count > 2) module = Id(c, l.Items[2]);
                if (l.Items.Count > 3) throw c.Error(l.Items[3], "unexpected item after register's module name");
                return new RegisterDirective { Index = index, Line = line, Column = col, Kind = head, As = name.Utf8, AsBytes = name.Bytes, ModuleName = module };
            }
            case "invoke":
            case "get":
                return new ActionDirective { Index = index, Line = line, Column = col, Kind = head, Action = ParseAction(c, l) };
            case "assert_return":
            {
                var action = ParseAction(c, Expect<SList>(c, l, 1, "assert_return needs an action"));
                var expected = new List<ResultPattern>();
                for (var k = 2; k < l.Items.Count; k++) expected.Add(ParseResult(c, l.Items[k]));
                return new AssertReturnDirective { Index = index, Line = line, Column = col, Kind = head, Action = action, Expected = expected };
            }
            case "assert_trap":
            case "assert_exhaustion":
            {
                var target = Expect<SList>(c, l, 1, $"{head} needs an action or a module");
                var message = Str(c, l, 2, $"{head} needs a failure message string").Utf8;
                Trailing(c, l, 3);
                if (target.Head == "module" && head == "assert_trap")
                {
                    var m = ParseModule(c, target, index) as ModuleDirective ?? throw c.Error(target, "assert_trap needs a module, not a module instance");
                    return new AssertTrapDirective { Index = index, Line = line, Column = col, Kind = head, Module = m, Message = message };
                }
                return new AssertTrapDirective { Index = index, Line = line, Column = col, Kind = head, Action = ParseAction(c, target), Message = message };
            }
            case "assert_exception":
            {
                var action = ParseAction(c, Expect<SList>(c, l, 1, "assert_exception needs an action"));
                Trailing(c, l, 2);
                return new AssertExceptionDirective { Index = index, Line = line, Column = col, Kind = head, Action = action };
            }
            case "assert_invalid":
            case "assert_malformed":
            case "assert_unlinkable":
            case "assert_uninstantiable":
            case "assert_invalid_custom":
            case "assert_malformed_custom":
            {
                var target = Expect<SList>(c, l, 1, $"{head} needs a module");
                if (target.Head != "module") throw c.Error(target, $"{head} needs a (module ...), found '({target.Head})'");
                var m = ParseModule(c, target, index) as ModuleDirective ?? throw c.Error(target, $"{head} needs a module, not a module instance");
                var message = Str(c, l, 2, $"{head} needs a failure message string").Utf8;
                Trailing(c, l, 3);
                return new AssertModuleDirective { Index = index, Line = line, Column = col, Kind = head, Module = m, Message = message };
            }
            default:
                if (KnownUnsupported.Contains(head))
                    return new UnsupportedDirective { Index = index, Line = line, Column = col, Kind = head, Reason = $"the '{head}' directive is not supported by this runner" };
                throw c.Error(l, $"unknown directive '{head}'");
        }
    }

    private static Directive ParseModule(Ctx c, SList l, int index)
    {
        var line = c.Line(l);
        var col = c.Col(l);
        var i = 1;
        if (i < l.Items.Count && l.Items[i] is SAtom { Text: "instance" })
        {
            string? inst = null, def = null;
            if (i + 1 < l.Items.Count) inst = Id(c, l.Items[i + 1]);
            if (i + 2 < l.Items.Count) def = Id(c, l.Items[i + 2]);
            if (i + 3 < l.Items.Count) throw c.Error(l.Items[i + 3], "unexpected item in (module instance ...)");
            // (module instance $m) alone names the definition to instantiate, anonymously.
            if (def is null) (inst, def) = (null, inst);
            return new ModuleInstanceDirective { Index = index, Line = line, Column = col, Kind = "module instance", InstanceName = inst, DefinitionName = def };
        }
        SAtom? definition = null;
        if (i < l.Items.Count && l.Items[i] is SAtom { Text: "definition" } d) { definition = d; i++; }
        string? name = null;
        if (i < l.Items.Count && l.Items[i] is SAtom a && a.Text.StartsWith('$')) { name = a.Text; i++; }
        ModuleSource source;
        if (i < l.Items.Count && l.Items[i] is SAtom { Text: "binary" or "quote" } kind)
        {
            var bytes = new List<byte>();
            for (var k = i + 1; k < l.Items.Count; k++)
            {
                if (l.Items[k] is not SString s) throw c.Error(l.Items[k], $"(module {kind.Text} ...) takes only strings");
                bytes.AddRange(s.Bytes);
            }
            source = kind.Text == "binary"
                ? new ModuleSource(ModuleFormat.Binary, null, bytes.ToArray())
                : new ModuleSource(ModuleFormat.Quote, ModuleText.EscapeForConverter(ModuleText.QuoteToModule(Encoding.UTF8.GetString(bytes.ToArray()))), null);
        }
        else
        {
            var text = definition is null
                ? c.Src.Text[l.Start..l.End]
                : c.Src.Text[l.Start..definition.Start] + c.Src.Text[definition.End..l.End];
            source = new ModuleSource(ModuleFormat.Text, ModuleText.EscapeForConverter(text), null);
        }
        return new ModuleDirective { Index = index, Line = line, Column = col, Kind = "module", Name = name, Source = source, IsDefinition = definition is not null };
    }

    private static WastAction ParseAction(Ctx c, SList l)
    {
        var head = l.Head;
        if (head is not ("invoke" or "get")) throw c.Error(l, $"expected an action (invoke or get), found '({head})'");
        var i = 1;
        string? module = null;
        if (i < l.Items.Count && l.Items[i] is SAtom a && a.Text.StartsWith('$')) { module = a.Text; i++; }
        var field = Str(c, l, i, $"{head} needs an export name string");
        i++;
        var args = new List<WasmValue>();
        for (; i < l.Items.Count; i++)
        {
            if (head == "get") throw c.Error(l.Items[i], "get takes no arguments");
            args.Add(ParseConst(c, l.Items[i]));
        }
        return new WastAction(head, module, field.Utf8, field.Bytes, args);
    }

    private static WasmValue ParseConst(Ctx c, SExpr e)
    {
        var p = ParseValueOrPattern(c, e, allowPatterns: false);
        return ((ExactPattern)p).Value;
    }

    private static ResultPattern ParseResult(Ctx c, SExpr e) => ParseValueOrPattern(c, e, allowPatterns: true);

    private static ResultPattern ParseValueOrPattern(Ctx c, SExpr e, bool allowPatterns)
    {
        if (e is not SList l || l.Head is not { } head) throw c.Error(e, $"expected a constant like (i32.const 1), found '{Describe(e)}'");
        string Arg(int k, string what) => l.Items.Count > k && l.Items[k] is SAtom at ? at.Text : throw c.Error(l, $"({head} ...) needs {what}");
        switch (head)
        {
            case "i32.const":
            case "i64.const":
            {
                Trailing(c, l, 2);
                var text = Arg(1, "an integer");
                if (allowPatterns && text.StartsWith("nan:", StringComparison.Ordinal))
                    throw c.Error(l, $"{text} is only meaningful for floats, not {head}");
                if (!WastNumbers.TryParseInt(text, head == "i32.const" ? 32 : 64, out var v)) throw c.Error(l.Items[1], $"malformed {head[..3]} literal '{text}'");
                return new ExactPattern(head == "i32.const" ? WasmValue.I32((uint)v) : WasmValue.I64(v));
            }
            case "f32.const":
            case "f64.const":
            {
                Trailing(c, l, 2);
                var text = Arg(1, "a float");
                var t = head == "f32.const" ? WasmType.F32 : WasmType.F64;
                if (text is "nan:canonical" or "nan:arithmetic")
                {
                    if (!allowPatterns) throw c.Error(l.Items[1], $"{text} is a result pattern, not an argument");
                    return new NanPattern(t, text == "nan:canonical" ? NanKind.Canonical : NanKind.Arithmetic);
                }
                if (t == WasmType.F32)
                {
                    if (!WastNumbers.TryParseF32(text, out var b)) throw c.Error(l.Items[1], $"malformed f32 literal '{text}'");
                    return new ExactPattern(WasmValue.F32(b));
                }
                if (!WastNumbers.TryParseF64(text, out var d)) throw c.Error(l.Items[1], $"malformed f64 literal '{text}'");
                return new ExactPattern(WasmValue.F64(d));
            }
            case "v128.const":
                return ParseV128(c, l, allowPatterns);
            case "ref.null":
            {
                Trailing(c, l, 2);
                var ht = l.Items.Count > 1 ? (l.Items[1] as SAtom)?.Text ?? throw c.Error(l.Items[1], "ref.null needs a heap type") : null;
                if (ht is null && !allowPatterns) throw c.Error(l, "ref.null as an argument needs a heap type");
                var pattern = new RefPattern(RefKind.Null, null, ht);
                return allowPatterns ? pattern : new ExactPattern(new WasmValue(pattern.Type, Ref: RefKind.Null, HeapType: ht));
            }
            case "ref.extern":
            case "ref.host":
            {
                Trailing(c, l, 2);
                long? id = null;
                if (l.Items.Count > 1)
                {
                    var text = Arg(1, "a host reference number");
                    if (!WastNumbers.TryParseInt(text, 32, out var v)) throw c.Error(l.Items[1], $"malformed host reference number '{text}'");
                    id = (long)v;
                }
                var kind = head == "ref.extern" ? RefKind.Extern : RefKind.Host;
                if (allowPatterns) return new RefPattern(kind, id);
                if (id is null) throw c.Error(l, $"{head} as an argument needs a number");
                return new ExactPattern(new WasmValue(kind == RefKind.Extern ? WasmType.ExternRef : WasmType.AnyRef, Ref: kind, HostId: id));
            }
            case "ref.func" or "ref.any" or "ref.eq" or "ref.i31" or "ref.struct" or "ref.array" or "ref.exn" when allowPatterns:
            {
                Trailing(c, l, 2); // ref.func may name a function; ref.i31 may give a value: the class is what we check
                var kind = head switch
                {
                    "ref.func" => RefKind.Func, "ref.any" => RefKind.Any, "ref.eq" => RefKind.Eq, "ref.i31" => RefKind.I31,
                    "ref.struct" => RefKind.Struct, "ref.array" => RefKind.Array, _ => RefKind.Exn,
                };
                return new RefPattern(kind);
            }
            case "either" when allowPatterns:
            {
                if (l.Items.Count < 2) throw c.Error(l, "either needs at least one alternative");
                return new EitherPattern(l.Items.Skip(1).Select(x => ParseValueOrPattern(c, x, true)).ToList());
            }
            default:
                throw c.Error(l, allowPatterns ? $"unknown result form '({head} ...)'" : $"unknown argument form '({head} ...)'");
        }
    }

    private static ResultPattern ParseV128(Ctx c, SList l, bool allowPatterns)
    {
        var shape = l.Items.Count > 1 && l.Items[1] is SAtom s ? s.Text : throw c.Error(l, "v128.const needs a shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
        var (lanes, bits) = shape switch
        {
            "i8x16" => (16, 8), "i16x8" => (8, 16), "i32x4" => (4, 32), "i64x2" => (2, 64), "f32x4" => (4, 32), "f64x2" => (2, 64),
            _ => throw c.Error(l.Items[1], $"unknown v128 shape '{shape}'"),
        };
        if (l.Items.Count != 2 + lanes) throw c.Error(l, $"v128.const {shape} needs {lanes} lanes, found {l.Items.Count - 2}");
        var patterns = new LanePattern[lanes];
        var anyNan = false;
        for (var k = 0; k < lanes; k++)
        {
            var item = l.Items[2 + k] as SAtom ?? throw c.Error(l.Items[2 + k], "v128 lane must be a number");
            var text = item.Text;
            if (shape[0] == 'f')
            {
                if (text is "nan:canonical" or "nan:arithmetic")
                {
                    if (!allowPatterns) throw c.Error(item, $"{text} is a result pattern, not an argument");
                    patterns[k] = new LanePattern(0, text == "nan:canonical" ? NanKind.Canonical : NanKind.Arithmetic);
                    anyNan = true;
                    continue;
                }
                ulong fb;
                if (bits == 32) { if (!WastNumbers.TryParseF32(text, out var f)) throw c.Error(item, $"malformed f32 lane '{text}'"); fb = f; }
                else if (!WastNumbers.TryParseF64(text, out fb)) throw c.Error(item, $"malformed f64 lane '{text}'");
                patterns[k] = new LanePattern(fb, null);
            }
            else
            {
                if (!WastNumbers.TryParseInt(text, bits, out var v)) throw c.Error(item, $"malformed i{bits} lane '{text}'");
                patterns[k] = new LanePattern(v, null);
            }
        }
        var pattern = new V128Pattern(shape, patterns);
        if (anyNan) return pattern;
        // All lanes exact: pack into bytes (little-endian lanes).
        var bytes = new byte[16];
        var width = bits / 8;
        for (var k = 0; k < lanes; k++)
            for (var b = 0; b < width; b++) bytes[k * width + b] = (byte)(patterns[k].Bits >> (8 * b));
        var value = WasmValue.V128(BitConverter.ToUInt64(bytes, 0), BitConverter.ToUInt64(bytes, 8));
        // Keep the shape for display when it is a pattern; arguments only need the bits.
        return allowPatterns ? pattern : new ExactPattern(value);
    }

    private static T Expect<T>(Ctx c, SList l, int i, string message) where T : SExpr =>
        i < l.Items.Count && l.Items[i] is T t ? t : throw c.Error(i < l.Items.Count ? l.Items[i] : l, message);

    private static SString Str(Ctx c, SList l, int i, string message) => Expect<SString>(c, l, i, message);

    private static void Trailing(Ctx c, SList l, int from)
    {
        if (l.Items.Count > from) throw c.Error(l.Items[from], $"unexpected '{Describe(l.Items[from])}' in ({l.Head} ...)");
    }

    private static string Id(Ctx c, SExpr e) =>
        e is SAtom a && a.Text.StartsWith('$') ? a.Text : throw c.Error(e, $"expected a $name, found '{Describe(e)}'");

    private static string Describe(SExpr e) => e switch
    {
        SAtom a => a.Text,
        SString s => "\"" + (s.Utf8.Length > 20 ? s.Utf8[..20] + "..." : s.Utf8) + "\"",
        SList l => "(" + (l.Head ?? "") + " ...)",
        _ => "?",
    };
}
