using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Executes a parsed script against one in-process engine (<see cref="ISpecHost"/>) and
/// reports one <see cref="AssertionResult"/> per directive, in order, as it goes (so a
/// parent process that sees us die knows exactly how far we got).
/// </summary>
public sealed class SpecRunner(ISpecHost host)
{
    private readonly Dictionary<string, ISpecInstance> _named = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ISpecModule? Module, string? Error, byte[]? Bytes)> _definitions = new(StringComparer.Ordinal);
    private ISpecInstance? _current;
    private string? _currentError;
    // Set when the current module is missing because the engine lacks a feature it uses:
    // the assertions on it are then unsupported too, with this reason, not errors.
    private string? _currentUnsupported;
    // Set when a call that may change state (a bare invoke, or an assert_return on one) could not
    // run on this host: later failures in the same module measure the skipped call, not the engine.
    private string? _skippedCall;
    // Named modules the engine could not instantiate for a missing feature: actions naming them are unsupported too.
    private readonly Dictionary<string, string> _unsupportedNamed = new(StringComparer.Ordinal);
    // Names registered (or meant to be) from modules the engine could not take: a module importing
    // from one fails to link because of that, not of its own, so it is unsupported too.
    private readonly Dictionary<string, string> _unsupportedRegistrations = new(StringComparer.Ordinal);

    public void Run(WastScript script, Action<AssertionResult> report)
    {
        host.Reset();
        _named.Clear();
        _unsupportedNamed.Clear();
        _unsupportedRegistrations.Clear();
        _definitions.Clear();
        _current = null;
        _currentError = null;
        _currentUnsupported = null;
        _skippedCall = null;
        foreach (var d in script.Directives)
        {
            AssertionResult r;
            try
            {
                r = Execute(d);
            }
            catch (SpecFailure f) when (f.Kind is SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable)
            {
                r = Result(d, f.Kind switch
                {
                    SpecFailureKind.Unsupported => AssertionOutcome.Unsupported,
                    SpecFailureKind.NotApplicable => AssertionOutcome.NotApplicable,
                    _ => AssertionOutcome.Error,
                }, message: f.Message);
            }
            r = AccountForSkippedCalls(d, r);
            report(r);
        }
    }

    private AssertionResult AccountForSkippedCalls(Directive d, AssertionResult r)
    {
        if (d is ModuleDirective or ModuleInstanceDirective) _skippedCall = null;
        var invoke = d switch { ActionDirective a => a.Action, AssertReturnDirective ar => ar.Action, _ => null };
        if (invoke is { Kind: "invoke" } && r.Outcome is AssertionOutcome.NotApplicable or AssertionOutcome.Unsupported)
            _skippedCall ??= $"line {d.Line} ({r.Message})";
        else if (r.Outcome == AssertionOutcome.Fail && _skippedCall is not null)
            return r with { Outcome = AssertionOutcome.NotApplicable, Message = $"depends on a call this host could not make, at {_skippedCall}; it then got: {r.Message}" };
        return r;
    }

    private static AssertionResult Result(Directive d, AssertionOutcome o, string? expected = null, string? actual = null, string? message = null, MessageMatch? match = null) => new()
    {
        Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion,
        Outcome = o, Expected = expected, Actual = actual, Message = message, MessageMatch = match,
    };

    private AssertionResult Execute(Directive d)
    {
        switch (d)
        {
            case ModuleDirective m:
                return RunModule(m);
            case ModuleInstanceDirective mi:
            {
                var key = mi.DefinitionName ?? "";
                if (!_definitions.TryGetValue(key, out var def))
                    return Result(d, AssertionOutcome.Error, message: $"no module definition {mi.DefinitionName}");
                if (def.Module is null)
                    return Fail(d, $"module definition failed: {def.Error}");
                try
                {
                    var inst = host.Instantiate(def.Module);
                    SetCurrent(inst, mi.InstanceName);
                    return Result(d, AssertionOutcome.Pass);
                }
                catch (SpecFailure f) when (NeedsUnsupportedRegistration(f, def.Bytes) is { } why)
                {
                    Invalidate(mi.InstanceName, why, unsupported: true);
                    return Result(d, AssertionOutcome.Unsupported, "instance", "unlinkable", why);
                }
                catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
                {
                    // Counted once, here: what needs the instance is not run, and says why.
                    Invalidate(mi.InstanceName, $"it needs the instance made at line {d.Line}, which failed to instantiate (counted there)", unsupported: true);
                    return Fail(d, $"instantiation failed ({Describe(f.Kind)}): {f.Message}", actual: Describe(f.Kind));
                }
            }
            case RegisterDirective reg:
            {
                ISpecInstance inst;
                try
                {
                    inst = Resolve(reg.ModuleName);
                }
                catch (SpecFailure f) when (f.Kind == SpecFailureKind.Unsupported)
                {
                    _unsupportedRegistrations[reg.As] = f.Message;
                    throw;
                }
                host.Register(reg.AsBytes, inst);
                _unsupportedRegistrations.Remove(reg.As);
                return Result(d, AssertionOutcome.Pass);
            }
            case ActionDirective a:
            {
                try
                {
                    var values = Perform(a.Action);
                    return Result(d, AssertionOutcome.Pass, actual: Join(values));
                }
                catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
                {
                    return Fail(d, f.Message, actual: Describe(f.Kind));
                }
            }
            case AssertReturnDirective ar:
                return AssertReturn(ar);
            case AssertTrapDirective at:
                return at.Module is not null ? AssertTrapModule(at, at.Module) : AssertTrapAction(at);
            case AssertExceptionDirective ae:
            {
                try
                {
                    var values = Perform(ae.Action);
                    return Fail(d, "returned instead of throwing", expected: "exception", actual: Join(values));
                }
                catch (SpecFailure f) when (f.Kind == SpecFailureKind.Exception)
                {
                    return Result(d, AssertionOutcome.Pass, "exception", "exception", f.Message);
                }
                catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
                {
                    return Fail(d, f.Message, expected: "exception", actual: Describe(f.Kind));
                }
            }
            case AssertModuleDirective am:
                return AssertModule(am);
            case UnsupportedDirective u:
                return Result(d, AssertionOutcome.Unsupported, message: u.Reason);
            default:
                return Result(d, AssertionOutcome.Error, message: $"directive {d.Kind} is not implemented by the runner");
        }
    }

    private static AssertionResult Fail(Directive d, string message, string? expected = null, string? actual = null, MessageMatch? match = null) =>
        Result(d, AssertionOutcome.Fail, expected, actual, message, match);

    private void SetCurrent(ISpecInstance inst, string? name)
    {
        _current = inst;
        _currentError = null;
        _currentUnsupported = null;
        if (name is null) return;
        _named[name] = inst;
        _unsupportedNamed.Remove(name);
    }

    private AssertionResult RunModule(ModuleDirective m)
    {
        var (bytes, convError, legacy) = TextToBinary.TryConvert(m.Source);
        if (bytes is null)
        {
            // The harness could not read the module: only what needs it (actions on it, registrations
            // of it) goes unrun, as unsupported with the reason; the rest of the file runs as usual.
            Invalidate(m, $"it needs the module at line {m.Line}, whose text could not be converted to binary ({convError})", unsupported: true);
            if (m.IsDefinition) _definitions[m.Name ?? ""] = (null, convError, null);
            return Result(m, AssertionOutcome.Error, message: "text-to-binary conversion failed: " + convError);
        }
        ISpecModule module;
        try
        {
            module = host.Compile(bytes);
        }
        catch (SpecFailure f) when (f.Kind == SpecFailureKind.Rejected && legacy)
        {
            var why = $"legacy exception handling (try/catch/delegate/rethrow) is not implemented by this engine: it rejected the module at line {m.Line} ({f.Message})";
            Invalidate(m, why, unsupported: true);
            if (m.IsDefinition) _definitions[m.Name ?? ""] = (null, why, null);
            return Result(m, AssertionOutcome.Unsupported, "module", "rejected", why);
        }
        catch (SpecFailure f) when (f.Kind is SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable)
        {
            // The engine cannot take this module for a reason it states (a feature it leaves off).
            var why = $"the module at line {m.Line} needs what this engine does not support: {f.Message}";
            Invalidate(m, why, unsupported: true);
            if (m.IsDefinition) _definitions[m.Name ?? ""] = (null, why, null);
            return Result(m, AssertionOutcome.Unsupported, "module", "unsupported", f.Message);
        }
        catch (SpecFailure f) when (f.Kind == SpecFailureKind.Rejected)
        {
            // Counted once, here: what needs the module is not run, and says why.
            Invalidate(m, $"it needs the module at line {m.Line}, which was rejected (counted there)", unsupported: true);
            if (m.IsDefinition) _definitions[m.Name ?? ""] = (null, f.Message, null);
            return Fail(m, "valid module rejected: " + f.Message, expected: "module", actual: "rejected");
        }
        if (m.IsDefinition)
        {
            _definitions[m.Name ?? ""] = (module, null, bytes);
            return Result(m, AssertionOutcome.Pass);
        }
        try
        {
            SetCurrent(host.Instantiate(module), m.Name);
            return Result(m, AssertionOutcome.Pass);
        }
        catch (SpecFailure f) when (f.Kind == SpecFailureKind.Unsupported)
        {
            var why = $"the module at line {m.Line} needs what this engine does not support: {f.Message}";
            Invalidate(m, why, unsupported: true);
            return Result(m, AssertionOutcome.Unsupported, "instance", "unsupported", f.Message);
        }
        catch (SpecFailure f) when (NeedsUnsupportedRegistration(f, bytes) is { } why)
        {
            Invalidate(m, $"the module at line {m.Line} could not link: {why}", unsupported: true);
            return Result(m, AssertionOutcome.Unsupported, "instance", "unlinkable", why);
        }
        catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
        {
            Invalidate(m, $"it needs the module at line {m.Line}, which failed to instantiate (counted there)", unsupported: true);
            return Fail(m, $"instantiation failed ({Describe(f.Kind)}): {f.Message}", expected: "instance", actual: Describe(f.Kind));
        }
    }

    /// <summary>
    /// For a link failure of a module that imports from a name whose registration this engine could
    /// not make (its module was unsupported): why, so the module is unsupported with it; else null.
    /// </summary>
    private string? NeedsUnsupportedRegistration(SpecFailure f, byte[]? bytes)
    {
        if (f.Kind != SpecFailureKind.Unlinkable || bytes is null) return null;
        foreach (var (name, why) in _unsupportedRegistrations)
            if (ImportNames.MayImportFrom(bytes, name))
                return $"it imports from \"{name}\", which could not be registered ({why})";
        return null;
    }

    private void Invalidate(ModuleDirective m, string why, bool unsupported = false)
    {
        if (m.IsDefinition) return;
        Invalidate(m.Name, why, unsupported);
    }

    private void Invalidate(string? name, string why, bool unsupported)
    {
        _current = null;
        _currentError = why;
        _currentUnsupported = unsupported ? why : null;
        if (name is null) return;
        _named.Remove(name);
        if (unsupported) _unsupportedNamed[name] = why;
        else _unsupportedNamed.Remove(name);
    }

    private ISpecInstance Resolve(string? name)
    {
        if (name is null && _current is null && _currentUnsupported is not null)
            throw new SpecFailure(SpecFailureKind.Unsupported, _currentUnsupported);
        if (name is null)
            return _current ?? throw new SpecFailure(SpecFailureKind.Harness, "no current module: " + (_currentError ?? "no module defined before this line"));
        if (_named.TryGetValue(name, out var i)) return i;
        if (_unsupportedNamed.TryGetValue(name, out var why)) throw new SpecFailure(SpecFailureKind.Unsupported, why);
        throw new SpecFailure(SpecFailureKind.Harness, $"no module named {name}" + (_currentError is null ? "" : $" ({_currentError})"));
    }

    private IReadOnlyList<WasmValue> Perform(WastAction a)
    {
        var inst = Resolve(a.ModuleName);
        return a.Kind == "get" ? [host.Get(inst, a.FieldBytes)] : host.Invoke(inst, a.FieldBytes, a.Args);
    }

    private AssertionResult AssertReturn(AssertReturnDirective ar)
    {
        var expected = string.Join(", ", ar.Expected);
        IReadOnlyList<WasmValue> values;
        try
        {
            values = Perform(ar.Action);
        }
        catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
        {
            return Fail(ar, f.Message, expected, Describe(f.Kind));
        }
        var actual = Join(values);
        if (values.Count != ar.Expected.Count)
            return Fail(ar, $"expected {ar.Expected.Count} results, got {values.Count}", expected, actual);
        for (var i = 0; i < values.Count; i++)
        {
            if (ar.Expected[i].Matches(values[i])) continue;
            if (ar.Expected[i] is RefPattern { Kind: RefKind.Host } && values[i] is { Ref: RefKind.Host, HostId: null })
                return Result(ar, AssertionOutcome.Unsupported, expected, actual, "the engine's API cannot tell which host reference this is");
            return Fail(ar, $"result {i} differs", expected, actual);
        }
        return Result(ar, AssertionOutcome.Pass, expected, actual);
    }

    private AssertionResult AssertTrapAction(AssertTrapDirective at)
    {
        var exhaustion = at.Kind == "assert_exhaustion";
        var expectedKind = exhaustion ? "exhaustion" : "trap";
        try
        {
            var values = Perform(at.Action!);
            return Fail(at, "returned instead of trapping", $"{expectedKind}: {at.Message}", Join(values));
        }
        catch (SpecFailure f) when (f.Kind is SpecFailureKind.Trap or SpecFailureKind.Exhaustion)
        {
            // A stack overflow reported as an ordinary trap (or the reverse) still stopped the call;
            // whether the wording says so is what the message match records.
            return Result(at, AssertionOutcome.Pass, $"{expectedKind}: {at.Message}", Describe(f.Kind), f.Message, MessageMatcher.Compare(at.Message, f.Message));
        }
        catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
        {
            return Fail(at, f.Message, $"{expectedKind}: {at.Message}", Describe(f.Kind));
        }
    }

    private AssertionResult AssertTrapModule(AssertTrapDirective at, ModuleDirective m)
    {
        var expected = "trap: " + at.Message;
        var (bytes, convError, legacy) = TextToBinary.TryConvert(m.Source);
        if (bytes is null) return Result(at, AssertionOutcome.Error, expected, message: "text-to-binary conversion failed: " + convError);
        if (CompileValid(at, bytes, legacy, expected, out var module) is { } refused) return refused;
        try
        {
            var inst = host.Instantiate(module);
            // Per the spec the instance is not current after assert_trap, but its side effects stay.
            return Fail(at, "instantiated without trapping", expected, "instance");
        }
        catch (SpecFailure f) when (f.Kind is SpecFailureKind.Trap or SpecFailureKind.Exhaustion)
        {
            return Result(at, AssertionOutcome.Pass, expected, Describe(f.Kind), f.Message, MessageMatcher.Compare(at.Message, f.Message));
        }
        catch (SpecFailure f) when (NeedsUnsupportedRegistration(f, bytes) is { } why)
        {
            return Result(at, AssertionOutcome.Unsupported, expected, "unlinkable", why);
        }
        catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
        {
            return Fail(at, f.Message, expected, Describe(f.Kind));
        }
    }

    /// <summary>
    /// Compiles a module the script says is valid. A refusal is the assertion's result:
    /// unsupported when the text used legacy exception handling, a failure otherwise.
    /// </summary>
    private AssertionResult? CompileValid(Directive d, byte[] bytes, bool legacy, string expected, out ISpecModule module)
    {
        module = null!;
        try
        {
            module = host.Compile(bytes);
            return null;
        }
        catch (SpecFailure f) when (f.Kind == SpecFailureKind.Rejected && legacy)
        {
            return Result(d, AssertionOutcome.Unsupported, expected, "rejected", "legacy exception handling is not implemented by this engine: " + f.Message);
        }
        catch (SpecFailure f) when (f.Kind == SpecFailureKind.Rejected)
        {
            return Fail(d, "valid module rejected: " + f.Message, expected, "rejected");
        }
    }

    private AssertionResult AssertModule(AssertModuleDirective am)
    {
        var m = am.Module;
        var kind = am.Kind.Replace("_custom", "", StringComparison.Ordinal);
        var expected = kind["assert_".Length..] + ": " + am.Message;
        var (bytes, convError, legacy) = TextToBinary.TryConvert(m.Source);
        if (kind is "assert_malformed" or "assert_invalid")
        {
            if (bytes is null)
                return Result(am, AssertionOutcome.Pass, expected, "malformed (text)", convError, MessageMatcher.Compare(am.Message, convError));
            try
            {
                host.Compile(bytes);
                return Fail(am, "module accepted", expected, "module");
            }
            catch (SpecFailure f) when (f.Kind == SpecFailureKind.Rejected)
            {
                return Result(am, AssertionOutcome.Pass, expected, "rejected", f.Message, MessageMatcher.Compare(am.Message, f.Message));
            }
        }
        if (bytes is null) return Result(am, AssertionOutcome.Error, expected, message: "text-to-binary conversion failed: " + convError);
        if (CompileValid(am, bytes, legacy, expected, out var module) is { } refused) return refused;
        var want = kind == "assert_unlinkable" ? SpecFailureKind.Unlinkable : SpecFailureKind.Trap;
        try
        {
            host.Instantiate(module);
            return Fail(am, "instantiated successfully", expected, "instance");
        }
        catch (SpecFailure f) when (f.Kind == want || (want == SpecFailureKind.Trap && f.Kind == SpecFailureKind.Exhaustion))
        {
            return Result(am, AssertionOutcome.Pass, expected, Describe(f.Kind), f.Message, MessageMatcher.Compare(am.Message, f.Message));
        }
        catch (SpecFailure f) when (NeedsUnsupportedRegistration(f, bytes) is { } why)
        {
            return Result(am, AssertionOutcome.Unsupported, expected, "unlinkable", why);
        }
        catch (SpecFailure f) when (f.Kind is not (SpecFailureKind.Harness or SpecFailureKind.Unsupported or SpecFailureKind.NotApplicable))
        {
            return Fail(am, f.Message, expected, Describe(f.Kind));
        }
    }

    private static string Join(IReadOnlyList<WasmValue> values) => string.Join(", ", values);

    private static string Describe(SpecFailureKind k) => k switch
    {
        SpecFailureKind.Rejected => "rejected",
        SpecFailureKind.Unlinkable => "unlinkable",
        SpecFailureKind.Trap => "trap",
        SpecFailureKind.Exhaustion => "exhaustion",
        SpecFailureKind.Exception => "exception",
        SpecFailureKind.Unsupported => "unsupported",
        _ => "harness error",
    };
}
