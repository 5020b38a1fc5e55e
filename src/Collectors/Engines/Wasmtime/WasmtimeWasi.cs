using Observatory.Collectors.Engines.Contract;
using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>A <see cref="WasiSpec"/> as Wasmtime's own WASI configuration (preview1 for modules, p2 for components).</summary>
internal static class WasmtimeWasi
{
    public static Wt.WasiConfiguration For(WasiSpec spec)
    {
        var wasi = new Wt.WasiConfiguration()
            .WithArgs(spec.Args)
            .WithEnvironmentVariables(spec.Environment.Select(kv => (kv.Key, kv.Value)))
            .WithStandardOutput(spec.StdoutPath)
            .WithStandardError(spec.StderrPath);
        if (spec.StdinPath is not null) wasi.WithStandardInput(spec.StdinPath);
        foreach (var d in spec.Preopens) wasi.WithPreopenedDirectory(d.Host, d.Guest, true);
        return wasi;
    }
}
