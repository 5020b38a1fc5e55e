using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>How one directive of the original script was written into the rewritten one.</summary>
/// <param name="Index">The directive's index in the rewritten script (its own, or its check call's when wrapped).</param>
/// <param name="Register">For a wrapped directive: the register command that exposes its module to the wrapper.</param>
/// <param name="Wrapper">For a wrapped directive: the wrapper module.</param>
public sealed record Placement(Directive Original, int Index, int? Register = null, int? Wrapper = null)
{
    public bool IsWrapped => Wrapper is not null;
}

/// <summary>
/// A script rewritten so that assertions on values the engine cannot carry run through wrapper
/// modules, and the way back: <see cref="Fold"/> turns the rewritten script's results into one
/// result per original directive, with the original index and line.
/// </summary>
public sealed class WrappedScript(string text, IReadOnlyList<Placement> placements)
{
    public string Text { get; } = text;
    public IReadOnlyList<Placement> Placements { get; } = placements;
    public int WrappedCount => Placements.Count(p => p.IsWrapped);

    public IReadOnlyList<AssertionResult> Fold(IReadOnlyList<AssertionResult> rewritten)
    {
        var byIndex = new Dictionary<int, AssertionResult>();
        foreach (var r in rewritten) byIndex[r.Index] = r;
        var results = new List<AssertionResult>(Placements.Count);
        // The runner's rule for calls a host could not make (SpecRunner.AccountForSkippedCalls), kept
        // over the original directives: a wrapper module must not end "the same module" early.
        string? skipped = null;
        foreach (var p in Placements)
        {
            var d = p.Original;
            if (d is ModuleDirective or ModuleInstanceDirective) skipped = null;
            if (!byIndex.TryGetValue(p.Index, out var own))
            {
                results.Add(SpecFiles.Missing(d, AssertionOutcome.Error, "the engine reported nothing for this directive"));
                continue;
            }
            own = own with { Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion };
            if (!p.IsWrapped)
            {
                if (d is ActionDirective { Action.Kind: "invoke" } or AssertReturnDirective { Action.Kind: "invoke" } && own.Outcome is AssertionOutcome.NotApplicable or AssertionOutcome.Unsupported)
                    skipped ??= $"line {d.Line} ({own.Message})";
                results.Add(own);
                continue;
            }
            var step = Blocking(byIndex, p.Register!.Value, "exposing the module to the wrapper (register)")
                ?? Blocking(byIndex, p.Wrapper!.Value, "the wrapper module");
            var folded = step is { } s ? own with { Outcome = s.Outcome, Expected = Expected(d), Actual = null, Message = s.Message, MessageMatch = null } : Checked(d, own);
            if (folded.Outcome == AssertionOutcome.Fail && skipped is not null)
                folded = folded with { Outcome = AssertionOutcome.NotApplicable, Message = $"depends on a call this host could not make, at {skipped}; it then got: {folded.Message}" };
            results.Add(folded);
        }
        return results;
    }

    /// <summary>The outcome a failed helper step gives the assertion: unsupported, crash and timeout stay; anything else is the harness's error.</summary>
    private static (AssertionOutcome Outcome, string Message)? Blocking(Dictionary<int, AssertionResult> byIndex, int index, string what)
    {
        if (!byIndex.TryGetValue(index, out var r)) return (AssertionOutcome.Error, $"{what}: the engine reported nothing");
        if (r.Outcome == AssertionOutcome.Pass) return null;
        var outcome = r.Outcome is AssertionOutcome.Unsupported or AssertionOutcome.Crash or AssertionOutcome.Timeout ? r.Outcome : AssertionOutcome.Error;
        return (outcome, $"{what} failed ({r.Outcome.ToWire()}): {r.Message ?? r.Actual}");
    }

    private static string? Expected(Directive d) => d is AssertReturnDirective ar ? string.Join(", ", ar.Expected) : null;

    /// <summary>The check call's result as the original assertion's: for assert_return, its i32 verdict becomes pass or fail.</summary>
    private static AssertionResult Checked(Directive d, AssertionResult check)
    {
        if (d is not AssertReturnDirective) return check;
        const string how = "compared inside a wrapper module";
        return check.Outcome switch
        {
            AssertionOutcome.Pass => check with { Expected = Expected(d), Actual = "as expected", Message = how },
            AssertionOutcome.Fail when check.Actual == "i32:0x00000000" => check with { Expected = Expected(d), Actual = "different", Message = $"a result differs ({how})" },
            _ => check with { Expected = Expected(d) },
        };
    }
}
