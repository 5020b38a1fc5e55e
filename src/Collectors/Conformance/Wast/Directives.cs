using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Wast;

public enum ModuleFormat { Text, Binary, Quote }

/// <summary>
/// A module as written in the script: text (the original source slice, ready for the
/// text-to-binary converter), binary (the decoded bytes), or quote (text assembled from strings).
/// </summary>
public sealed record ModuleSource(ModuleFormat Format, string? Text, byte[]? Binary);

/// <summary>One command of a .wast script. <see cref="Index"/> is its position in the file; Line and Column are 1-based.</summary>
public abstract record Directive
{
    public required int Index { get; init; }
    public required int Line { get; init; }
    public int Column { get; init; }
    /// <summary>The directive keyword as written: module, register, invoke, assert_return, assert_trap, ...</summary>
    public required string Kind { get; init; }

    /// <summary>Assertions are what conformance totals count; modules and bare actions are recorded too.</summary>
    public virtual bool IsAssertion => Kind.StartsWith("assert_", StringComparison.Ordinal);
}

public sealed record ModuleDirective : Directive
{
    public string? Name { get; init; }
    public required ModuleSource Source { get; init; }
    /// <summary>(module definition ...): compiled and validated, instantiated only by (module instance ...).</summary>
    public bool IsDefinition { get; init; }
}

/// <summary>(module instance $inst? $def?): a new instance of a module definition.</summary>
public sealed record ModuleInstanceDirective : Directive
{
    public string? InstanceName { get; init; }
    public string? DefinitionName { get; init; }
}

public sealed record RegisterDirective : Directive
{
    public required string As { get; init; }
    public required byte[] AsBytes { get; init; }
    public string? ModuleName { get; init; }
}

public sealed record WastAction(string Kind, string? ModuleName, string Field, byte[] FieldBytes, IReadOnlyList<WasmValue> Args)
{
    public override string ToString() => $"{Kind} {(ModuleName is null ? "" : ModuleName + " ")}\"{Field}\"";
}

/// <summary>A bare (invoke ...) or (get ...) at top level: must not trap.</summary>
public sealed record ActionDirective : Directive
{
    public required WastAction Action { get; init; }
}

public sealed record AssertReturnDirective : Directive
{
    public required WastAction Action { get; init; }
    public required IReadOnlyList<ResultPattern> Expected { get; init; }
}

/// <summary>assert_trap / assert_exhaustion on an action, or assert_trap on a module (instantiation traps).</summary>
public sealed record AssertTrapDirective : Directive
{
    public WastAction? Action { get; init; }
    public ModuleDirective? Module { get; init; }
    public required string Message { get; init; }
}

public sealed record AssertExceptionDirective : Directive
{
    public required WastAction Action { get; init; }
}

/// <summary>assert_invalid, assert_malformed, assert_unlinkable, assert_uninstantiable (and their _custom forms).</summary>
public sealed record AssertModuleDirective : Directive
{
    public required ModuleDirective Module { get; init; }
    public required string Message { get; init; }
}

/// <summary>A directive this runner does not execute (e.g. threads' (thread ...) / (wait ...)); reported as unsupported.</summary>
public sealed record UnsupportedDirective : Directive
{
    public required string Reason { get; init; }
    public override bool IsAssertion => true;
}

/// <summary>A parsed script: its source and its directives in order.</summary>
public sealed record WastScript(WastSource Source, IReadOnlyList<Directive> Directives)
{
    public int AssertionCount => Directives.Count(d => d.IsAssertion);
}
