using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Proves a Wasmtime configuration really runs before it is listed as ready: builds
/// its engine, compiles a tiny module (through serialize/deserialize when precompiled),
/// instantiates it and calls it. A tier the native library was built without fails here
/// with Wasmtime's own message, which becomes the engine's "broken" reason.
/// </summary>
public static class WasmtimeProbe
{
    private const string Wat = """
        (module
          (memory 1)
          (func (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
            (block $done (loop $next
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (local.get $i)))
              (local.set $acc (i32.load (i32.const 0)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (local.get $acc)))
        """;

    /// <summary>Null when the configuration works, else why not.</summary>
    public static string? Verify(WasmtimeSettings settings)
    {
        try
        {
            using var config = settings.CreateConfig();
            using var engine = new Wt.Engine(config);
            if (settings.Tier == "pulley" && !engine.IsPulleyInterpreter)
                return $"target {WasmtimeSettings.PulleyTarget} was accepted but the engine does not run the Pulley interpreter";
            using var compiled = Wt.Module.FromText(engine, "probe", Wat);
            using var module = settings.Precompiled ? Wt.Module.Deserialize(engine, "probe", compiled.Serialize()) : null;
            using var store = new Wt.Store(engine);
            var instance = new Wt.Instance(store, module ?? compiled);
            var sum = instance.GetFunction<int, int>("sum") ?? throw new InvalidOperationException("probe module lost its export");
            var got = sum(100);
            return got == 4950 ? null : $"probe module computed {got}, expected 4950";
        }
        catch (Exception e) when (e is Wt.WasmtimeException or InvalidOperationException or NotSupportedException or FormatException or DllNotFoundException or EntryPointNotFoundException)
        {
            return $"probe failed: {WasmtimeText.FirstLines(e.Message)}";
        }
    }
}
