using Xunit;
using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Tests.Conformance;

/// <summary>Export types read from real binaries (made by the same converter the runner uses), GC type sections included.</summary>
public class ExportSignaturesTests
{
    [Fact]
    public void Reads_function_and_global_types_past_imports_rec_groups_and_constant_expressions()
    {
        var wasm = TextToBinary.Convert("""
            (module
              (rec (type $s (struct (field i32) (field (mut i8)))) (type $a (array (mut f64))))
              (type $f (func (param i32) (result i32)))
              (import "m" "f" (func $imp (param i64)))
              (import "m" "g" (global $ig f32))
              (global $v (export "v") v128 (v128.const i64x2 1 2))
              (global $e (export "e") (mut externref) (ref.null extern))
              (global $n (export "n") i64 (i64.add (i64.const 1) (i64.const 2)))
              (func (export "imported") (type $f) (local.get 0))
              (func (export "splat") (param i32) (result v128) (i32x4.splat (local.get 0)))
              (func (export "s") (result (ref null $s)) (ref.null $s))
              (func (export "refs") (param funcref externref) (result (ref null func)) (ref.null func))
              (export "imp" (func $imp)))
            """);
        var sigs = ExportSignatures.Read(wasm);
        Assert.NotNull(sigs);
        Assert.Equal([ValueClass.I32], sigs!["imported"].Params);
        Assert.Equal([ValueClass.I64], sigs["imp"].Params);
        Assert.Equal([ValueClass.V128], sigs["splat"].Results);
        Assert.Equal([ValueClass.Other], sigs["s"].Results);
        Assert.Equal([ValueClass.FuncRef, ValueClass.ExternRef], sigs["refs"].Params);
        Assert.Equal([ValueClass.FuncRef], sigs["refs"].Results);
        Assert.False(sigs["v"].IsFunction);
        Assert.Equal([ValueClass.V128], sigs["v"].Results);
        Assert.Equal([ValueClass.ExternRef], sigs["e"].Results);
        Assert.Equal([ValueClass.I64], sigs["n"].Results);
    }

    [Fact]
    public void A_binary_it_cannot_read_gives_null_not_an_exception()
    {
        Assert.Null(ExportSignatures.Read([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x01]));
        Assert.Null(ExportSignatures.Read([1, 2, 3]));
    }
}
