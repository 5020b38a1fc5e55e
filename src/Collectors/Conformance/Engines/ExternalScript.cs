using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>One directive as a command for an out-of-process engine, or the outcome it gets without running.</summary>
public sealed record ExternalCommand(Directive Directive, JsonObject? Json, bool WabtCompatible, AssertionOutcome? Preset = null, string? PresetMessage = null);

/// <summary>
/// Writes a parsed script for engines outside our process, in the JSON of wabt's
/// wast2json (same field names and order, modules as numbered .wasm files), because
/// wast2json itself does not accept the newer proposals. The commands carry an extra
/// "index" for our JS driver; the wabt variant drops it and every command wabt's
/// spectest-interp cannot express (GC reference results, either, ...).
/// Text-level checks (assert_malformed on text that does not convert, *_custom) are
/// not-applicable to binary-only engines: they test the text converter, not the engine.
/// </summary>
public sealed class ExternalScript
{
    public required IReadOnlyList<ExternalCommand> Commands { get; init; }
    public required string Directory { get; init; }
    /// <summary>
    /// The spectest module's variants (<see cref="SpectestModule.Variants"/>) as files beside the
    /// modules, fullest first: the JS driver instantiates the first its engine takes, so every
    /// engine imports from the same module.
    /// </summary>
    public IReadOnlyList<(string File, string Omitted)> Spectest { get; init; } = [];

    /// <summary>
    /// Parses a spec file and writes it, in wast2json form, into a fresh per-engine scratch
    /// folder: the common first step of every out-of-process spec engine. Null (with the
    /// file's error result) when the file does not parse.
    /// </summary>
    public static (WastScript Wast, ExternalScript Script, string Json)? Prepare(SpecFile file, SpecRunOptions options, string engineFolder, bool wabt, out FileResult? failure)
    {
        var (script, parseFailure) = SpecFiles.Parse(file);
        failure = parseFailure;
        if (script is null) return null;
        var dir = Path.Combine(options.ScratchDirectory, Core.Naming.PathName.ForEngine(engineFolder), file.RelativePath.Replace('/', '_').Replace(".wast", ""));
        if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, true);
        var ext = Write(script, dir);
        return (script, ext, ext.WriteJson("commands.json", Path.GetFileName(file.RelativePath), wabt));
    }

    public static ExternalScript Write(WastScript script, string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var baseName = Path.GetFileNameWithoutExtension(script.Source.DisplayName);
        var moduleCount = 0;
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var commands = new List<ExternalCommand>();
        var spectest = new List<(string, string)>();
        foreach (var (bytes, omitted) in SpectestModule.Variants)
        {
            var file = $"_spectest.{spectest.Count}.wasm"; // no script module is named so: theirs start with the file name
            File.WriteAllBytes(Path.Combine(directory, file), bytes);
            spectest.Add((file, omitted));
        }
        string? WriteModule(ModuleSource source, out string? error)
        {
            var (bytes, convError, _) = TextToBinary.TryConvert(source);
            error = convError;
            if (bytes is null) return null;
            var file = $"{baseName}.{moduleCount++}.wasm";
            File.WriteAllBytes(Path.Combine(directory, file), bytes);
            return file;
        }
        foreach (var d in script.Directives)
        {
            var o = new JsonObject { ["type"] = null, ["line"] = d.Line };
            var wabt = true;
            switch (d)
            {
                case ModuleDirective m:
                {
                    var file = WriteModule(m.Source, out var err);
                    if (file is null)
                    {
                        commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.Error, "text-to-binary conversion failed: " + err));
                        continue;
                    }
                    if (m.IsDefinition)
                    {
                        // Script-level concept: validated when an instance of it is made.
                        definitions[m.Name ?? ""] = file;
                        commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.NotApplicable, "module definitions are validated when instantiated"));
                        continue;
                    }
                    o["type"] = "module";
                    if (m.Name is not null) o["name"] = m.Name;
                    o["filename"] = file;
                    break;
                }
                case ModuleInstanceDirective mi:
                {
                    if (!definitions.TryGetValue(mi.DefinitionName ?? "", out var file))
                    {
                        commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.Error, $"no module definition {mi.DefinitionName}"));
                        continue;
                    }
                    o["type"] = "module";
                    if (mi.InstanceName is not null) o["name"] = mi.InstanceName;
                    o["filename"] = file;
                    break;
                }
                case RegisterDirective r:
                    o["type"] = "register";
                    if (r.ModuleName is not null) o["name"] = r.ModuleName;
                    o["as"] = r.As;
                    break;
                case ActionDirective a:
                    o["type"] = "action";
                    o["action"] = Action(a.Action, ref wabt);
                    o["expected"] = new JsonArray();
                    break;
                case AssertReturnDirective ar:
                    o["type"] = "assert_return";
                    o["action"] = Action(ar.Action, ref wabt);
                    o["expected"] = new JsonArray(ar.Expected.Select(p => (JsonNode)Pattern(p, ref wabt)).ToArray());
                    break;
                case AssertTrapDirective { Module: { } tm } at:
                {
                    var file = WriteModule(tm.Source, out var err);
                    if (file is null)
                    {
                        commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.Error, "text-to-binary conversion failed: " + err));
                        continue;
                    }
                    o["type"] = "assert_uninstantiable";
                    o["filename"] = file;
                    o["text"] = at.Message;
                    o["module_type"] = "binary";
                    break;
                }
                case AssertTrapDirective at:
                    o["type"] = at.Kind;
                    o["action"] = Action(at.Action!, ref wabt);
                    o["text"] = at.Message;
                    o["expected"] = new JsonArray();
                    break;
                case AssertExceptionDirective ae:
                    o["type"] = "assert_exception";
                    o["action"] = Action(ae.Action, ref wabt);
                    o["expected"] = new JsonArray();
                    break;
                case AssertModuleDirective am:
                {
                    if (am.Kind.EndsWith("_custom", StringComparison.Ordinal))
                    {
                        commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.NotApplicable, "custom-section annotation checks belong to the text format"));
                        continue;
                    }
                    var file = WriteModule(am.Module.Source, out var err);
                    if (file is null)
                    {
                        var textLevel = am.Kind is "assert_malformed" or "assert_invalid";
                        commands.Add(new ExternalCommand(d, null, false, textLevel ? AssertionOutcome.NotApplicable : AssertionOutcome.Error,
                            textLevel ? "rejected by the text-to-binary converter: a text-format check, not an engine check" : "text-to-binary conversion failed: " + err));
                        continue;
                    }
                    o["type"] = am.Kind;
                    o["filename"] = file;
                    o["text"] = am.Message;
                    o["module_type"] = "binary";
                    break;
                }
                case UnsupportedDirective u:
                    commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.Unsupported, u.Reason));
                    continue;
                default:
                    commands.Add(new ExternalCommand(d, null, false, AssertionOutcome.Error, $"{d.Kind} cannot be written as a command"));
                    continue;
            }
            commands.Add(new ExternalCommand(d, o, wabt));
        }
        return new ExternalScript { Commands = commands, Directory = directory, Spectest = spectest };
    }

    /// <summary>The command file: wabt's variant (strict wast2json) or the JS driver's (every command, with "index").</summary>
    /// <param name="without">Directive indices to leave out (commands an engine is to run again without).</param>
    public string WriteJson(string fileName, string sourceName, bool wabt, IReadOnlySet<int>? without = null)
    {
        var arr = new JsonArray();
        foreach (var c in Commands.Where(c => c.Json is not null && (!wabt || c.WabtCompatible) && !(without?.Contains(c.Directive.Index) ?? false)))
        {
            var o = (JsonObject)c.Json!.DeepClone();
            if (!wabt) o["index"] = c.Directive.Index;
            arr.Add(o);
        }
        var root = new JsonObject { ["source_filename"] = sourceName, ["commands"] = arr };
        // wabt's spectest-interp brings its own spectest module and reads no other field.
        if (!wabt)
            root["spectest"] = new JsonArray(Spectest.Select(v => (JsonNode)new JsonObject
            {
                ["file"] = v.File,
                ["omitted"] = new JsonArray(v.Omitted.Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(n => (JsonNode)n).ToArray()),
            }).ToArray());
        var path = Path.Combine(Directory, fileName);
        var sb = new System.Text.StringBuilder();
        WriteNode(sb, root);
        File.WriteAllText(path, sb.ToString(), new System.Text.UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// JSON as wast2json writes it: raw UTF-8, and only \uXXXX escapes (for quote, backslash and
    /// control characters), because wabt's JSON reader understands no other escape.
    /// </summary>
    private static void WriteNode(System.Text.StringBuilder sb, JsonNode? n)
    {
        switch (n)
        {
            case null: sb.Append("null"); break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteString(sb, k);
                    sb.Append(": ");
                    WriteNode(sb, v);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteNode(sb, a[i]);
                }
                sb.Append(']');
                break;
            case JsonValue v when v.TryGetValue<string>(out var str): WriteString(sb, str); break;
            default: sb.Append(n.ToJsonString()); break;
        }
    }

    private static void WriteString(System.Text.StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            if (c is '"' or '\\' || c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        sb.Append('"');
    }

    private static JsonObject Action(WastAction a, ref bool wabt)
    {
        var o = new JsonObject { ["type"] = a.Kind };
        if (a.ModuleName is not null) o["module"] = a.ModuleName;
        o["field"] = a.Field;
        if (a.Kind == "invoke")
        {
            var args = new JsonArray();
            foreach (var v in a.Args) args.Add(Value(v, ref wabt));
            o["args"] = args;
        }
        return o;
    }

    private static string U(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static JsonObject Value(WasmValue v, ref bool wabt)
    {
        switch (v.Type)
        {
            case WasmType.I32: return new JsonObject { ["type"] = "i32", ["value"] = U((uint)v.Lo) };
            case WasmType.I64: return new JsonObject { ["type"] = "i64", ["value"] = U(v.Lo) };
            case WasmType.F32: return new JsonObject { ["type"] = "f32", ["value"] = U((uint)v.Lo) };
            case WasmType.F64: return new JsonObject { ["type"] = "f64", ["value"] = U(v.Lo) };
            case WasmType.V128:
                return new JsonObject
                {
                    ["type"] = "v128", ["lane_type"] = "i32",
                    ["value"] = new JsonArray(U((uint)v.Lo), U((uint)(v.Lo >> 32)), U((uint)v.Hi), U((uint)(v.Hi >> 32))),
                };
            default:
            {
                var type = RefTypeName(v.Type);
                if (v.Type is not (WasmType.FuncRef or WasmType.ExternRef) || v.Ref is not (RefKind.Null or RefKind.Extern)) wabt = false;
                var value = v.Ref == RefKind.Null ? "null" : v.HostId?.ToString(CultureInfo.InvariantCulture) ?? "null";
                var o = new JsonObject { ["type"] = type, ["value"] = value };
                if (v.Ref == RefKind.Host) o["host"] = true;
                return o;
            }
        }
    }

    private static string RefTypeName(WasmType t) => t switch
    {
        WasmType.FuncRef => "funcref",
        WasmType.ExternRef => "externref",
        WasmType.ExnRef => "exnref",
        _ => "anyref",
    };

    private static JsonObject Pattern(ResultPattern p, ref bool wabt)
    {
        switch (p)
        {
            case ExactPattern e: return Value(e.Value, ref wabt);
            case NanPattern n:
                return new JsonObject { ["type"] = n.FloatType == WasmType.F32 ? "f32" : "f64", ["value"] = "nan:" + n.Kind.ToString().ToLowerInvariant() };
            case V128Pattern v:
                return new JsonObject
                {
                    ["type"] = "v128", ["lane_type"] = v.Shape[..v.Shape.IndexOf('x')],
                    ["value"] = new JsonArray(v.Lanes.Select(l => (JsonNode)(l.Nan is { } k ? "nan:" + k.ToString().ToLowerInvariant() : U(l.Bits))).ToArray()),
                };
            case RefPattern r:
            {
                var o = new JsonObject { ["type"] = RefTypeName(r.Type) };
                if (r.Kind == RefKind.Null && r.Type is WasmType.FuncRef or WasmType.ExternRef) o["value"] = "null";
                else if (r.Kind == RefKind.Extern && r.HostId is not null) o["value"] = r.HostId.Value.ToString(CultureInfo.InvariantCulture);
                else wabt = false;
                o["ref"] = r.Kind.ToString().ToLowerInvariant();
                if (wabt) o.Remove("ref");
                return o;
            }
            case EitherPattern e:
                wabt = false;
                return Pattern(e.Alternatives[0], ref wabt);
            default:
                wabt = false;
                return new JsonObject { ["type"] = "unknown" };
        }
    }
}
