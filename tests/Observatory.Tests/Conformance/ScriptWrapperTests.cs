using Xunit;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;
using Observatory.Collectors.Conformance.Wrapping;

namespace Observatory.Tests.Conformance;

/// <summary>The rewrite itself: which assertions get wrappers on which engine, what the rewritten script says, and the way back.</summary>
public class ScriptWrapperTests
{
    private static WastScript Rules => WastParser.ParseText(WrapperRulesScript.Text, "rules.wast");

    [Theory]
    // JavaScript: the NaN expectations and arguments, every v128, the exnref, not the null externrefs, not id32(1.0).
    [InlineData(ValueCarriage.JavaScript, 34)]
    // wasm.h: only what has a v128 or an exnref in its export's type.
    [InlineData(ValueCarriage.WasmH, 21)]
    // Nothing carried: every action that can be checked inside Wasm.
    [InlineData(ValueCarriage.None, 36)]
    public void Each_engine_gets_wrappers_exactly_where_its_values_cannot_cross(ValueCarriage carriage, int wrapped)
    {
        var w = ScriptWrapper.Rewrite(Rules, carriage);
        Assert.NotNull(w);
        Assert.Equal(wrapped, w.WrappedCount);
        Assert.Equal(Rules.Directives.Count, w.Placements.Count);
    }

    [Fact]
    public void Wasmtime_carries_everything_and_gets_no_rewrite() => Assert.Null(ScriptWrapper.Rewrite(Rules, ValueCarriage.All));

    [Fact]
    public void A_file_without_such_values_is_left_alone() =>
        Assert.Null(ScriptWrapper.Rewrite(WastParser.ParseText("(module (func (export \"f\") (result i32) (i32.const 1)))\n(assert_return (invoke \"f\") (i32.const 1))"), ValueCarriage.JavaScript));

    [Fact]
    public void The_module_under_test_is_named_registered_once_and_named_by_every_later_action()
    {
        var w = ScriptWrapper.Rewrite(Rules, ValueCarriage.WasmH)!;
        var rewritten = WastParser.ParseText(w.Text, "rewritten.wast");
        Assert.Equal("$__obs_m0", ((ModuleDirective)rewritten.Directives[0]).Name);
        // One register per module under test (the rules module, then the exnref one), not one per assertion.
        Assert.Equal(["$__obs_m0", $"$__obs_m{Rules.Directives.Count - 2}"], rewritten.Directives.OfType<RegisterDirective>().Select(r => r.ModuleName));
        // After the first wrapper module (which becomes current), no action relies on "the current module".
        var actions = rewritten.Directives.Select(d => d switch
        {
            AssertReturnDirective a => a.Action, AssertTrapDirective t => t.Action, ActionDirective a => a.Action, _ => null,
        }).OfType<WastAction>().ToList();
        Assert.All(actions, a => Assert.NotNull(a.ModuleName));
        // Unwrapped assertions keep their text; wrapped ones check the wrapper's verdict.
        Assert.Contains(actions, a => a is { ModuleName: "$__obs_m0", Field: "f32" });
        Assert.Equal(19, rewritten.Directives.OfType<AssertReturnDirective>().Count(a => a.Action.Field == WrapperModule.Check && a.Expected.Single().ToString() == "i32:0x00000001"));
        var trap = rewritten.Directives.OfType<AssertTrapDirective>().Single();
        Assert.Equal(("unreachable", WrapperModule.Check), (trap.Message, trap.Action!.Field));
    }

    [Fact]
    public void Results_fold_back_onto_the_original_directives()
    {
        var script = Rules;
        var w = ScriptWrapper.Rewrite(script, ValueCarriage.WasmH)!;
        var rewritten = WastParser.ParseText(w.Text, "rewritten.wast");
        AssertionResult R(Directive d, AssertionOutcome o, string? actual = null, string? message = null) => new()
        {
            Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion, Outcome = o, Actual = actual, Message = message,
        };
        // Every directive passes, except: the check of the first v128 assertion returns 0, and the wrapper of the second is refused.
        var checks = rewritten.Directives.Where(d => d is AssertReturnDirective { Action.Field: WrapperModule.Check }).ToList();
        var wrappers = rewritten.Directives.Where(d => d is ModuleDirective m && m.Name?.StartsWith("$__obs_w", StringComparison.Ordinal) == true).ToList();
        var results = rewritten.Directives.Select(d =>
            d == checks[0] ? R(d, AssertionOutcome.Fail, "i32:0x00000000")
            : d == wrappers[1] ? R(d, AssertionOutcome.Unsupported, message: "no SIMD here")
            : R(d, AssertionOutcome.Pass)).ToList();
        var folded = w.Fold(results);
        Assert.Equal(script.Directives.Select(d => (d.Index, d.Line, d.Kind)), folded.Select(r => (r.Index, r.Line, r.Directive)));
        var v128 = script.Directives.OfType<AssertReturnDirective>().Where(a => a.Action.Field == "v").ToList();
        var first = folded[v128[0].Index];
        Assert.Equal((AssertionOutcome.Fail, "different"), (first.Outcome, first.Actual));
        Assert.Equal(string.Join(", ", v128[0].Expected), first.Expected);
        Assert.Equal(AssertionOutcome.Unsupported, folded[v128[1].Index].Outcome);
        Assert.Contains("no SIMD here", folded[v128[1].Index].Message);
        Assert.Equal(AssertionOutcome.Pass, folded[v128[2].Index].Outcome);
        Assert.Equal("compared inside a wrapper module", folded[v128[2].Index].Message);
    }

    [Fact]
    public void A_wrapped_failure_after_a_call_the_host_could_not_make_is_not_applicable()
    {
        var script = WastParser.ParseText("""
            (module
              (global $g (mut v128) (v128.const i64x2 0 0))
              (func (export "init") (param externref) (global.set $g (v128.const i64x2 1 1)))
              (func (export "g") (result v128) (global.get $g)))
            (invoke "init" (ref.extern 1))
            (assert_return (invoke "g") (v128.const i64x2 1 1))
            (module (func (export "v") (result v128) (v128.const i64x2 0 0)))
            (assert_return (invoke "v") (v128.const i64x2 1 1))
            """);
        var w = ScriptWrapper.Rewrite(script, ValueCarriage.WasmH)!;
        Assert.Equal(2, w.WrappedCount);
        var rewritten = WastParser.ParseText(w.Text, "rewritten.wast");
        // The host refuses the externref call; both v128 checks then return 0.
        var results = rewritten.Directives.Select(d => new AssertionResult
        {
            Index = d.Index, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion,
            Outcome = d is ActionDirective { Action.Field: "init" } ? AssertionOutcome.NotApplicable
                : d is AssertReturnDirective { Action.Field: WrapperModule.Check } ? AssertionOutcome.Fail : AssertionOutcome.Pass,
            Actual = d is AssertReturnDirective ? "i32:0x00000000" : null, Message = d is ActionDirective ? "no host id here" : null,
        }).ToList();
        var folded = w.Fold(results);
        Assert.Equal(AssertionOutcome.NotApplicable, folded[2].Outcome);
        Assert.StartsWith("depends on a call this host could not make, at line 5 (no host id here)", folded[2].Message);
        // A new module ends the dependency: a failure there is the engine's.
        Assert.Equal(AssertionOutcome.Fail, folded[4].Outcome);
    }

    [Fact]
    public void A_wrapper_pushes_exact_bits_and_checks_lanes_in_the_patterns_shape()
    {
        var action = new WastAction("invoke", null, "f", "f"u8.ToArray(), [WasmValue.F32(0xffa00000), WasmValue.V128(1, 2)]);
        var sig = new ExportSignature(true, [ValueClass.F32, ValueClass.V128], [ValueClass.V128]);
        var text = WrapperModule.Build("$w", "t", action, sig, [new V128Pattern("f32x4", [new(1, null), new(0, NanKind.Canonical), new(2, null), new(0, NanKind.Arithmetic)])], out var why);
        Assert.Null(why);
        Assert.Contains("i32.const 0xffa00000 f32.reinterpret_i32", text);
        Assert.Contains("v128.const i64x2 0x1 0x2", text);
        Assert.Contains("i32x4.extract_lane 3 i32.const 0x7fc00000 i32.and i32.const 0x7fc00000 i32.eq", text);
        Assert.Contains("i32x4.extract_lane 1 i32.const 0x7fffffff i32.and i32.const 0x7fc00000 i32.eq", text);
        // It is valid Wasm.
        Assert.NotEmpty(TextToBinary.Convert(text!));
    }

    [Fact]
    public void What_Wasm_cannot_make_or_see_is_not_wrapped()
    {
        var sig = new ExportSignature(true, [ValueClass.ExternRef], [ValueClass.V128]);
        var hostArg = new WastAction("invoke", null, "f", "f"u8.ToArray(), [new WasmValue(WasmType.ExternRef, Ref: RefKind.Extern, HostId: 1)]);
        Assert.Null(WrapperModule.Build("$w", "t", hostArg, sig, null, out var why));
        Assert.Contains("cannot be made inside Wasm", why);
        var gc = new ExportSignature(true, [], [ValueClass.Other]);
        Assert.Null(WrapperModule.Build("$w", "t", new WastAction("invoke", null, "g", "g"u8.ToArray(), []), gc, [new RefPattern(RefKind.Struct)], out why));
        Assert.Contains("GC or exception reference", why);
    }
}
