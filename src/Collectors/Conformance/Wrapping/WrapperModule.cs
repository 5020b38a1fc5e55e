using System.Text;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>
/// The text of a wrapper module for one action: it imports the export under test from the
/// instance registered as <c>registeredAs</c>, performs the action with the script's constants
/// pushed bit for bit, and exports <see cref="Check"/> () -> i32: 1 when every result matches
/// its pattern (see <see cref="ResultCheck"/>), else 0. Without patterns (assert_trap,
/// assert_exhaustion, assert_exception, a bare action) it only calls and drops the results, so
/// a trap or exception propagates through the check call. This is how the spec interpreter's
/// JavaScript output tests values JavaScript cannot carry.
/// </summary>
public static class WrapperModule
{
    public const string Check = "check";

    /// <summary>The module text, or null with the reason when the action or a pattern cannot be expressed in Wasm.</summary>
    public static string? Build(string wrapperName, string registeredAs, WastAction action, ExportSignature sig, IReadOnlyList<ResultPattern>? expected, out string? why)
    {
        why = null;
        var types = sig.Params.Concat(sig.Results).Select(WatText.Type).ToList();
        if (types.Any(t => t is null)) { why = "the export's signature has a GC or exception reference type"; return null; }
        if (action.Kind == "invoke" != sig.IsFunction) { why = "the export is not a " + (action.Kind == "get" ? "global" : "function"); return null; }
        if (action.Args.Count != sig.Params.Count) { why = "the argument count does not match the export"; return null; }
        if (expected is not null && expected.Count != sig.Results.Count) { why = "the result count does not match the export"; return null; }

        var body = new StringBuilder();
        var import = WatText.String(registeredAs) + " " + WatText.String(action.FieldBytes);
        string head;
        if (sig.IsFunction)
        {
            head = $"(import {import} (func $f (param {string.Join(' ', sig.Params.Select(WatText.Type))}) (result {string.Join(' ', sig.Results.Select(WatText.Type))})))";
            foreach (var a in action.Args)
            {
                if (WatText.Push(a) is not { } push) { why = $"the argument {a} cannot be made inside Wasm"; return null; }
                body.Append(push).Append('\n');
            }
            body.Append("call $f\n");
        }
        else
        {
            var t = WatText.Type(sig.Results[0]);
            head = $"(import {import} (global $g {(sig.Mutable ? $"(mut {t})" : t)}))";
            body.Append("global.get $g\n");
        }
        var locals = sig.Results.Select((t, i) => $"(local $r{i} {WatText.Type(t)})");
        // Results come off the stack last first.
        for (var i = sig.Results.Count - 1; i >= 0; i--) body.Append($"local.set $r{i}\n");
        body.Append("i32.const 1\n");
        for (var i = 0; expected is not null && i < expected.Count; i++)
        {
            if (ResultCheck.For(expected[i], sig.Results[i], "$r" + i) is not { } check) { why = $"the expected result {expected[i]} cannot be checked inside Wasm"; return null; }
            body.Append(check).Append("\ni32.and\n");
        }
        return $"(module {wrapperName}\n{head}\n(func (export \"{Check}\") (result i32) {string.Join(' ', locals)}\n{body}))";
    }
}
