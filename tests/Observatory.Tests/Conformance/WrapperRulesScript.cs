using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Tests.Conformance;

/// <summary>
/// A script of the spec's comparison rules (nan:canonical, nan:arithmetic, exact NaN payloads,
/// v128 lanes in each shape, either, multiple results, null references, traps, v128 globals, exnref),
/// each assertion with the outcome the rules give it, so a wrapper that compares too loosely or
/// too strictly fails here.
/// </summary>
internal static class WrapperRulesScript
{
    public const string Text = """
        (module
          (func (export "f32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
          (func (export "f64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
          (func (export "id32") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0)))
          (func (export "v") (param v128) (result v128) (local.get 0))
          (func (export "two") (param v128 i64) (result i64 v128) (local.get 1) (local.get 0))
          (func (export "ext") (param externref) (result externref) (local.get 0))
          (func (export "trapv") (param v128) (result v128) (unreachable))
          (global (export "gv") v128 (v128.const i32x4 1 2 3 4))
          (global (export "gm") (mut v128) (v128.const i64x2 -1 0))
        )
        (assert_return (invoke "f32" (i32.const 0x7fc00000)) (f32.const nan:canonical))
        (assert_return (invoke "f32" (i32.const 0xffc00000)) (f32.const nan:canonical))
        (assert_return (invoke "f32" (i32.const 0x7fa00000)) (f32.const nan:canonical))
        (assert_return (invoke "f32" (i32.const 0x7fc00001)) (f32.const nan:arithmetic))
        (assert_return (invoke "f32" (i32.const 0x7f800001)) (f32.const nan:arithmetic))
        (assert_return (invoke "f32" (i32.const 0x7fc00001)) (f32.const nan:0x400001))
        (assert_return (invoke "f32" (i32.const 0x7fc00001)) (f32.const nan:0x400002))
        (assert_return (invoke "f64" (i64.const 0xfff8000000000000)) (f64.const nan:canonical))
        (assert_return (invoke "f64" (i64.const 0x7ff8000000000001)) (f64.const nan:canonical))
        (assert_return (invoke "f64" (i64.const 0x7ff8000000000001)) (f64.const nan:arithmetic))
        (assert_return (invoke "f64" (i64.const 0x7ff4000000000000)) (f64.const nan:arithmetic))
        (assert_return (invoke "id32" (f32.const -nan:0x200000)) (i32.const 0xffa00000))
        (assert_return (invoke "id32" (f32.const -nan:0x200000)) (i32.const 0x7fa00000))
        (assert_return (invoke "v" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 255)) (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 -1))
        (assert_return (invoke "v" (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 255)) (v128.const i8x16 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16))
        (assert_return (invoke "v" (v128.const i16x8 1 2 3 4 5 6 7 -1)) (v128.const i16x8 1 2 3 4 5 6 7 65535))
        (assert_return (invoke "v" (v128.const i16x8 1 2 3 4 5 6 7 -1)) (v128.const i16x8 1 2 3 4 5 6 7 65534))
        (assert_return (invoke "v" (v128.const i32x4 0x7fc00000 0xffc00000 0x7fc00001 1)) (v128.const f32x4 nan:canonical nan:canonical nan:arithmetic 0x1p-149))
        (assert_return (invoke "v" (v128.const i32x4 0x7fc00000 0xffc00000 0x7fc00001 1)) (v128.const f32x4 nan:canonical nan:canonical nan:canonical 0x1p-149))
        (assert_return (invoke "v" (v128.const i64x2 0x7ff8000000000000 0x7ff4000000000000)) (v128.const f64x2 nan:canonical nan:arithmetic))
        (assert_return (invoke "v" (v128.const i64x2 0x7ff8000000000000 0x7ff8000000000001)) (v128.const f64x2 nan:canonical nan:arithmetic))
        (assert_return (invoke "v" (v128.const i64x2 1 -1)) (v128.const i64x2 1 0xffffffffffffffff))
        (assert_return (invoke "v" (v128.const i64x2 1 -1)) (v128.const i32x4 1 0 -1 -1))
        (assert_return (invoke "v" (v128.const i64x2 1 -1)) (v128.const i32x4 1 0 -1 0))
        (assert_return (invoke "v" (v128.const i64x2 1 -1)) (either (v128.const i32x4 1 0 -1 0) (v128.const i64x2 1 -1)))
        (assert_return (invoke "v" (v128.const i64x2 1 -1)) (either (v128.const i32x4 1 0 -1 0) (v128.const i64x2 1 -2)))
        (assert_return (invoke "two" (v128.const i64x2 5 6) (i64.const 7)) (i64.const 7) (v128.const i64x2 5 6))
        (assert_return (invoke "two" (v128.const i64x2 5 6) (i64.const 7)) (i64.const 7) (v128.const i64x2 5 7))
        (assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
        (assert_return (invoke "ext" (ref.null extern)) (ref.extern))
        (assert_trap (invoke "trapv" (v128.const i64x2 0 0)) "unreachable")
        (assert_return (get "gv") (v128.const i32x4 1 2 3 4))
        (assert_return (get "gv") (v128.const i32x4 1 2 3 5))
        (assert_return (get "gm") (v128.const i64x2 -1 0))
        (invoke "v" (v128.const i64x2 0 0))
        (assert_return (invoke "id32" (f32.const 1)) (i32.const 0x3f800000))
        (module (func (export "exn") (result exnref) (ref.null exn)))
        (assert_return (invoke "exn") (ref.null exn))
        """;

    /// <summary>The outcome of each assert_* of <see cref="Text"/>, in order: P pass, F fail.</summary>
    public static readonly string[] Outcomes = ["P", "P", "F", "P", "F", "P", "F", "P", "F", "P", "F", "P", "F", "P", "F", "P", "F", "P", "F", "F", "P", "P", "P", "F", "P", "F", "P", "F", "P", "F", "P", "P", "F", "P", "P", "P"];

    public static AssertionOutcome Outcome(string code) => code == "P" ? AssertionOutcome.Pass : AssertionOutcome.Fail;
}
