using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>What an out-of-process engine reported for one command.</summary>
public sealed record Happening(string Kind, IReadOnlyList<WasmValue>? Values = null, string? Message = null)
{
    public static Happening Ok { get; } = new("ok");
}

/// <summary>
/// Turns what an out-of-process engine reported for each command into outcomes, with the
/// same expectations as the in-process runner. It also tracks which modules failed, so an
/// assertion on a module the engine could not load is unsupported (feature missing) or
/// error, never a misleading pass or fail against some earlier module.
/// </summary>
public sealed class ExternalJudge(Func<string, bool> looksUnsupported)
{
    private readonly Dictionary<string, AssertionOutcome> _named = new(StringComparer.Ordinal);
    private AssertionOutcome? _current;   // null = no module yet; Pass = usable
    private string? _currentWhy;
    // Names registered from modules the engine could not load: later link failures naming them are not the engine's fault.
    private readonly HashSet<string> _unsupportedRegistrations = new(StringComparer.Ordinal);

    /// <summary>Records a module directive that never reached the engine (e.g. its text did not convert).</summary>
    public void NotRun(Directive d, AssertionOutcome outcome, string message)
    {
        if (d is ModuleDirective { IsDefinition: false } m)
        {
            // A module the harness could not read (its text did not convert) never reached the engine:
            // what needs it is unsupported with that reason, and nothing else in the file is touched.
            _current = outcome switch
            {
                AssertionOutcome.NotApplicable => AssertionOutcome.Error,
                AssertionOutcome.Error => AssertionOutcome.Unsupported,
                _ => outcome,
            };
            _currentWhy = $"line {d.Line}: {message}";
            if (m.Name is not null) _named[m.Name] = _current.Value;
        }
    }

    /// <summary>
    /// The result of a command decided before any engine saw it (its text did not convert, or the
    /// host cannot make it), recorded like <see cref="NotRun"/>; null for a command to run.
    /// </summary>
    public AssertionResult? Preset(ExternalCommand c)
    {
        if (c.Preset is not { } preset) return null;
        NotRun(c.Directive, preset, c.PresetMessage ?? "");
        return SpecFiles.Missing(c.Directive, preset, c.PresetMessage ?? "");
    }

    // V8 quotes the module name with double quotes, SpiderMonkey with single ones.
    private bool DependsOnUnsupported(string? message) =>
        message is not null && _unsupportedRegistrations.Any(n =>
            message.Contains('"' + n + '"', StringComparison.Ordinal) || message.Contains('\'' + n + '\'', StringComparison.Ordinal));

    /// <summary>The outcome an action on this module gets without running, when the module itself failed.</summary>
    public AssertionResult? Blocked(Directive d)
    {
        var module = d switch
        {
            ActionDirective a => a.Action.ModuleName,
            AssertReturnDirective a => a.Action.ModuleName,
            AssertTrapDirective { Action: { } act } => act.ModuleName,
            AssertExceptionDirective a => a.Action.ModuleName,
            RegisterDirective r => r.ModuleName,
            _ => "-",
        };
        if (module == "-") return null;
        AssertionOutcome? state = module is null ? _current : _named.TryGetValue(module, out var s) ? s : null;
        if (state == AssertionOutcome.Pass) return null;
        if (state is null && module is null && _current is null && _currentWhy is null) return null; // let the engine say
        // A module that failed is counted once, as its own failure; what needs it is not run, and says why.
        var outcome = state is AssertionOutcome.Unsupported or AssertionOutcome.Fail ? AssertionOutcome.Unsupported : AssertionOutcome.Error;
        if (d is RegisterDirective reg && outcome == AssertionOutcome.Unsupported) _unsupportedRegistrations.Add(reg.As);
        return SpecFiles.Missing(d, outcome, "its module could not be used" + (_currentWhy is null ? "" : $" ({_currentWhy})") + (state == AssertionOutcome.Fail ? "; that failure is counted there" : ""));
    }

    /// <summary>
    /// The outcome a command that links a module (module, module instance, assert_unlinkable,
    /// assert_uninstantiable, assert_trap on a module) gets without running, when that module imports
    /// from a name registered from a module the engine could not take: unsupported, as what it needs
    /// is. Null for any other command (reads the module file from <paramref name="directory"/>).
    /// </summary>
    public AssertionResult? BlockedModule(ExternalCommand c, string directory)
    {
        var d = c.Directive;
        if (_unsupportedRegistrations.Count == 0 || c.Json?["filename"] is not { } file || d is AssertModuleDirective { Kind: "assert_invalid" or "assert_malformed" })
            return null;
        var path = Path.Combine(directory, (string)file!);
        if (!File.Exists(path)) return null;
        var bytes = File.ReadAllBytes(path);
        var name = _unsupportedRegistrations.FirstOrDefault(n => ImportNames.MayImportFrom(bytes, n));
        if (name is null) return null;
        var why = $"it imports from \"{name}\", which could not be registered";
        if (d is ModuleDirective or ModuleInstanceDirective)
        {
            _current = AssertionOutcome.Unsupported;
            _currentWhy = $"line {d.Line}: {why}";
            var instance = d is ModuleDirective m ? m.Name : ((ModuleInstanceDirective)d).InstanceName;
            if (instance is not null) _named[instance] = AssertionOutcome.Unsupported;
        }
        return SpecFiles.Missing(d, AssertionOutcome.Unsupported, why);
    }

    public AssertionResult Judge(Directive d, Happening h)
    {
        AssertionResult R(AssertionOutcome o, string? expected = null, string? actual = null, string? message = null, MessageMatch? mm = null) => new()
        {
            Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion, Outcome = o,
            Expected = expected, Actual = actual, Message = message ?? h.Message, MessageMatch = mm,
        };
        if (h.Kind == "not-applicable") return R(AssertionOutcome.NotApplicable);
        // The driver found the module needs what this engine refused (a spectest export it left out).
        if (h.Kind == "unsupported" && d is not (ModuleDirective or ModuleInstanceDirective)) return R(AssertionOutcome.Unsupported);
        if (h.Kind == "error") return R(AssertionOutcome.Error);
        // The engine checked the expectation itself and had no complaint (wabt reports only failures).
        if (h.Kind == "as-expected") return R(AssertionOutcome.Pass, d is AssertReturnDirective ar0 ? string.Join(", ", ar0.Expected) : null);
        switch (d)
        {
            case ModuleDirective or ModuleInstanceDirective:
            {
                var name = d is ModuleDirective m ? m.Name : ((ModuleInstanceDirective)d).InstanceName;
                var outcome = h.Kind switch
                {
                    "ok" or "values" => AssertionOutcome.Pass,
                    "unsupported" => AssertionOutcome.Unsupported,
                    "rejected" when looksUnsupported(h.Message ?? "") => AssertionOutcome.Unsupported,
                    "unlinkable" when DependsOnUnsupported(h.Message) => AssertionOutcome.Unsupported,
                    _ => AssertionOutcome.Fail,
                };
                _current = outcome;
                _currentWhy = outcome == AssertionOutcome.Pass ? null : $"line {d.Line}: {h.Kind}: {h.Message}";
                if (name is not null) _named[name] = outcome;
                return R(outcome, "module", h.Kind);
            }
            case RegisterDirective:
                return R(h.Kind is "ok" or "values" ? AssertionOutcome.Pass : AssertionOutcome.Error);
            case ActionDirective:
                return R(h.Kind is "ok" or "values" ? AssertionOutcome.Pass : AssertionOutcome.Fail, null, Describe(h));
            case AssertReturnDirective ar:
            {
                var expected = string.Join(", ", ar.Expected);
                if (h.Kind != "values" && h.Kind != "ok") return R(AssertionOutcome.Fail, expected, h.Kind);
                var values = h.Values ?? [];
                var actual = string.Join(", ", values);
                if (values.Count != ar.Expected.Count) return R(AssertionOutcome.Fail, expected, actual, $"expected {ar.Expected.Count} results, got {values.Count}");
                for (var i = 0; i < values.Count; i++)
                    if (!ar.Expected[i].Matches(values[i])) return R(AssertionOutcome.Fail, expected, actual, $"result {i} differs");
                return R(AssertionOutcome.Pass, expected, actual);
            }
            case AssertTrapDirective { Module: not null } at:
                return h.Kind switch
                {
                    "trap" or "exhaustion" => R(AssertionOutcome.Pass, "trap: " + at.Message, h.Kind, null, MessageMatcher.Compare(at.Message, h.Message)),
                    "rejected" when looksUnsupported(h.Message ?? "") => R(AssertionOutcome.Unsupported, "trap: " + at.Message, h.Kind),
                    "unlinkable" when DependsOnUnsupported(h.Message) => R(AssertionOutcome.Unsupported, "trap: " + at.Message, h.Kind),
                    _ => R(AssertionOutcome.Fail, "trap: " + at.Message, h.Kind),
                };
            case AssertTrapDirective at:
                return h.Kind is "trap" or "exhaustion"
                    ? R(AssertionOutcome.Pass, $"{(at.Kind == "assert_exhaustion" ? "exhaustion" : "trap")}: {at.Message}", h.Kind, null, MessageMatcher.Compare(at.Message, h.Message))
                    : R(AssertionOutcome.Fail, $"trap: {at.Message}", Describe(h));
            case AssertExceptionDirective:
                return R(h.Kind == "exception" ? AssertionOutcome.Pass : AssertionOutcome.Fail, "exception", Describe(h));
            case AssertModuleDirective am:
            {
                var kind = am.Kind.Replace("_custom", "", StringComparison.Ordinal);
                var expected = kind["assert_".Length..] + ": " + am.Message;
                var want = kind switch { "assert_unlinkable" => "unlinkable", "assert_uninstantiable" => "trap", _ => "rejected" };
                if (h.Kind == want || (want == "trap" && h.Kind == "exhaustion"))
                    return R(AssertionOutcome.Pass, expected, h.Kind, null, MessageMatcher.Compare(am.Message, h.Message));
                if (want != "rejected" && h.Kind == "rejected" && looksUnsupported(h.Message ?? ""))
                    return R(AssertionOutcome.Unsupported, expected, h.Kind);
                if (h.Kind == "unlinkable" && DependsOnUnsupported(h.Message))
                    return R(AssertionOutcome.Unsupported, expected, h.Kind);
                return R(AssertionOutcome.Fail, expected, h.Kind);
            }
            default:
                return R(AssertionOutcome.Error, message: $"{d.Kind} has no judge");
        }
    }

    private static string Describe(Happening h) => h.Kind == "values" ? string.Join(", ", h.Values ?? []) : h.Kind;
}
