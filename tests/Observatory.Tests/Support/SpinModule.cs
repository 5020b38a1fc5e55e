using Observatory.Collectors.Processes;

namespace Observatory.Tests.Support;

/// <summary>
/// A tiny hand-written module whose bench region spins an LCG <c>iterations</c> times: two builds of
/// "the same workload" where one does twice the work of the other, a real slowdown for alert tests.
/// Assembled by wabt's wat2wasm, as a user would.
/// </summary>
public static class SpinModule
{
    public static string Build(string directory, int iterations)
    {
        Directory.CreateDirectory(directory);
        var wat = Path.Combine(directory, "spin.wat");
        File.WriteAllText(wat, $$"""
            (module
              (import "bench" "start" (func $start))
              (import "bench" "end" (func $end))
              (memory (export "memory") 1)
              (func (export "_start")
                (local $i i32) (local $x i32)
                (local.set $i (i32.const {{iterations}}))
                (local.set $x (i32.const 1))
                (call $start)
                (loop $l
                  (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 1664525)) (i32.const 1013904223)))
                  (local.set $i (i32.sub (local.get $i) (i32.const 1)))
                  (br_if $l (local.get $i)))
                (i32.store (i32.const 0) (local.get $x))
                (call $end)))
            """);
        var wasm = Path.Combine(directory, "spin.wasm");
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "wat2wasm", Arguments = [wat, "-o", wasm] });
        Assert.True(r.ExitCode == 0, $"wat2wasm failed: {r.Stderr}");
        return wasm;
    }
}
