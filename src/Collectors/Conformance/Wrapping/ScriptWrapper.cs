using System.Text;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>
/// Rewrites a script for an engine that cannot carry some values (<see cref="ValueCarriage"/>):
/// each action whose values cannot cross becomes three directives: a register of the module
/// under test (once per module), a wrapper module importing the export
/// (<see cref="WrapperModule"/>), and the same assertion on the wrapper's () -> i32 check. A
/// wrapper module becomes the current module when instantiated, so the module it tests is given
/// a name (when it has none) and every later action on the current module names it. All other
/// directives are copied as written. Engine-agnostic: any engine that runs .wast files runs the
/// result, through its own interface.
/// </summary>
public static class ScriptWrapper
{
    private const string Prefix = "__obs_";

    /// <summary>One module instance a directive may act on: its export signatures (read on demand) and its name, given or assigned.</summary>
    private sealed class Target(int index, string? name, Func<IReadOnlyDictionary<string, ExportSignature>?> read)
    {
        private IReadOnlyDictionary<string, ExportSignature>? _signatures;
        private bool _read;
        public int Index { get; } = index;
        public string? Name { get; } = name;
        /// <summary>Set once a wrapper acts on it: wrappers become current, so actions on it must name it.</summary>
        public bool Explicit { get; set; }
        public string EffectiveName => Name ?? $"${Prefix}m{Index}";
        public string Registered => $"{Prefix}t{Index}";
        public IReadOnlyDictionary<string, ExportSignature>? Signatures
        {
            get
            {
                if (!_read) { _signatures = read(); _read = true; }
                return _signatures;
            }
        }
    }

    private sealed record Plan(Target Target, string Wrapper);

    /// <summary>The rewritten script, or null when nothing in it needs a wrapper on this engine.</summary>
    public static WrappedScript? Rewrite(WastScript script, ValueCarriage carriage)
    {
        if (carriage == ValueCarriage.All || !MayNeedWrapping(script.Source.Text, carriage)) return null;

        // Pass 1: which module each action acts on, and which actions are wrapped.
        var targets = new Dictionary<int, Target>();          // directive index -> target it acts on
        var plans = new Dictionary<int, Plan>();
        var defined = new Dictionary<int, Target>();           // module directive index -> the instance it made
        var definitions = new Dictionary<string, ModuleSource>(StringComparer.Ordinal);
        var named = new Dictionary<string, Target>(StringComparer.Ordinal);
        Target? current = null;
        foreach (var d in script.Directives)
        {
            switch (d)
            {
                case ModuleDirective { IsDefinition: true } def:
                    definitions[def.Name ?? ""] = def.Source;
                    continue;
                case ModuleDirective m:
                    current = new Target(m.Index, m.Name, () => Signatures(m.Source));
                    break;
                case ModuleInstanceDirective mi:
                {
                    var source = definitions.GetValueOrDefault(mi.DefinitionName ?? "");
                    current = new Target(mi.Index, mi.InstanceName, () => source is null ? null : Signatures(source));
                    break;
                }
                case RegisterDirective r:
                    if (r.ModuleName is null && current is not null) targets[d.Index] = current;
                    continue;
                default:
                {
                    if (ActionOf(d) is not { } action) continue;
                    var target = action.ModuleName is null ? current : named.GetValueOrDefault(action.ModuleName);
                    if (target is null) continue;
                    if (action.ModuleName is null) targets[d.Index] = target;
                    if (WrapperFor(d, action, target, carriage) is { } wrapper)
                    {
                        plans[d.Index] = new Plan(target, wrapper);
                        target.Explicit = true;
                    }
                    continue;
                }
            }
            defined[d.Index] = current;
            if (current.Name is not null) named[current.Name] = current;
        }
        if (plans.Count == 0) return null;

        // Pass 2: write the script.
        var spans = Spans(script);
        var text = script.Source.Text;
        var sb = new StringBuilder();
        var placements = new List<Placement>();
        var next = 0;
        var registerAt = new Dictionary<Target, int>();
        foreach (var d in script.Directives)
        {
            var (start, end, list) = spans[d.Index];
            var slice = text[start..end];
            if (plans.TryGetValue(d.Index, out var plan))
            {
                if (!registerAt.TryGetValue(plan.Target, out var register))
                {
                    sb.Append($"(register {WatText.String(plan.Target.Registered)} {plan.Target.EffectiveName})\n");
                    registerAt[plan.Target] = register = next++;
                }
                sb.Append(plan.Wrapper).Append('\n');
                var wrapper = next++;
                sb.Append(CheckDirective(d, WrapperName(d))).Append('\n');
                placements.Add(new Placement(d, next++, register, wrapper));
                continue;
            }
            var insertAt = -1;
            string? name = null;
            if (defined.TryGetValue(d.Index, out var made) && made is { Explicit: true, Name: null })
            {
                name = made.EffectiveName;
                if (list?.Head is not ("module")) { slice = $"(module {name} {slice})"; name = null; }
                else insertAt = d is ModuleInstanceDirective ? list.Items[1].End : list.Items[0].End;
            }
            else if (targets.TryGetValue(d.Index, out var t) && t.Explicit && list is not null)
            {
                name = t.EffectiveName;
                insertAt = d switch
                {
                    RegisterDirective => list.Items[1].End,
                    ActionDirective => list.Items[0].End,
                    _ => ((SList)list.Items[1]).Items[0].End,
                };
            }
            if (name is not null && insertAt >= 0) slice = text[start..insertAt] + " " + name + text[insertAt..end];
            sb.Append(slice).Append('\n');
            placements.Add(new Placement(d, next++));
        }
        return new WrappedScript(sb.ToString(), placements);
    }

    private static string WrapperName(Directive d) => $"${Prefix}w{d.Index}";

    /// <summary>A cheap look at the text: files with no v128, NaN, externref or exnref cannot need a wrapper.</summary>
    private static bool MayNeedWrapping(string text, ValueCarriage carriage) =>
        (!carriage.HasFlag(ValueCarriage.V128) && text.Contains("v128", StringComparison.Ordinal))
        || (!carriage.HasFlag(ValueCarriage.NanPayloads) && text.Contains("nan", StringComparison.OrdinalIgnoreCase))
        || (!carriage.HasFlag(ValueCarriage.ExternRef) && text.Contains("extern", StringComparison.Ordinal))
        || (!carriage.HasFlag(ValueCarriage.ExnRef) && text.Contains("exn", StringComparison.Ordinal));

    private static IReadOnlyDictionary<string, ExportSignature>? Signatures(ModuleSource source) =>
        TextToBinary.TryConvert(source).Bytes is { } bytes ? ExportSignatures.Read(bytes) : null;

    private static WastAction? ActionOf(Directive d) => d switch
    {
        ActionDirective a => a.Action,
        AssertReturnDirective a => a.Action,
        AssertTrapDirective { Action: { } a } => a,
        AssertExceptionDirective a => a.Action,
        _ => null,
    };

    private static string? WrapperFor(Directive d, WastAction action, Target target, ValueCarriage carriage)
    {
        if (target.Signatures?.GetValueOrDefault(action.Field) is not { } sig) return null;
        var expected = d is AssertReturnDirective ar ? ar.Expected : null;
        if (!WrapDecision.Needed(action, sig, expected, carriage)) return null;
        return WrapperModule.Build(WrapperName(d), target.Registered, action, sig, expected, out _);
    }

    private static string CheckDirective(Directive d, string wrapper)
    {
        var call = $"(invoke {wrapper} \"{WrapperModule.Check}\")";
        return d switch
        {
            AssertReturnDirective => $"(assert_return {call} (i32.const 1))",
            AssertTrapDirective t => $"({t.Kind} {call} {WatText.String(t.Message)})",
            AssertExceptionDirective => $"(assert_exception {call})",
            _ => call,
        };
    }

    /// <summary>
    /// Where each directive is in the text: the parser gives its line and column; the lexer's
    /// top-level lists give the extent (an implicit module spans consecutive module fields).
    /// </summary>
    private static Dictionary<int, (int Start, int End, SList? List)> Spans(WastScript script)
    {
        var top = WastLexer.ReadAll(script.Source);
        var byPosition = new Dictionary<(int, int), int>();
        for (var i = 0; i < top.Count; i++) byPosition[script.Source.Position(top[i].Start)] = i;
        var firsts = script.Directives.Select(d => byPosition[(d.Line, d.Column)]).ToList();
        var spans = new Dictionary<int, (int, int, SList?)>();
        for (var k = 0; k < firsts.Count; k++)
        {
            var last = (k + 1 < firsts.Count ? firsts[k + 1] : top.Count) - 1;
            spans[script.Directives[k].Index] = (top[firsts[k]].Start, top[last].End, top[firsts[k]] as SList);
        }
        return spans;
    }
}
