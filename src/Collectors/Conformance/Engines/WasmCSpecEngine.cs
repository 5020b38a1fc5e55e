using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wrapping;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.WasmC;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// A wasm.h library (as the benchmark side finds and probes it, under the same id) as a
/// spec-suite engine: <see cref="WasmCSpecHost"/> in conformance workers. Before the suite, one
/// worker runs a two-line script that passes and returns a null externref: libwasmtime's wasm.h
/// aborts the process on any externref in a <c>wasm_val_t</c> ("creating a wasm_val_t from an
/// externref is not implemented"), and a library that does so has every externref value marked
/// not-applicable with that reason, instead of one worker crash per assertion.
/// </summary>
public sealed class WasmCSpecEngine(EngineEnvironment env, IEngine engine) : ISpecSuiteEngine
{
    public const string ExternrefRefusedEnvironment = "OBSERVATORY_WASMC_EXTERNREF_REFUSED";

    private const string ExternrefProbe = """
        (module (func (export "id") (param externref) (result externref) (local.get 0)))
        (assert_return (invoke "id" (ref.null extern)) (ref.null extern))
        """;

    public string Id => engine.Descriptor.Id;
    public string Version => engine.Descriptor.Version;

    public string? UnavailableReason =>
        engine is WasmCEngine && engine.Descriptor.Status == EngineStatus.Ready
            ? File.Exists(env.WorkerAssembly) ? null : $"worker {env.WorkerAssembly} not found (build the CLI)"
            : $"{engine.Descriptor.Status.ToWire()}: {engine.Descriptor.Reason}";

    private string Library => ((WasmCEngine)engine).Library.FullPath;

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile)
    {
        var workerEnv = new Dictionary<string, string> { [WasmCSpecHost.LibraryEnvironment] = Library };
        var carriage = ValueCarriage.WasmH;
        if (ExternrefRefusal(options) is { } why)
        {
            workerEnv[ExternrefRefusedEnvironment] = why;
            carriage &= ~ValueCarriage.ExternRef;
        }
        // v128 (and, on a library that refuses them, externref) values are checked inside wrapper modules.
        var engine = new InProcessSpecEngine("wasmc", Id, Version, env.WorkerAssembly, workerEnv);
        WrappedFiles.Run(carriage, files, options, onFile, (rewritten, onRewritten) => engine.Run(rewritten, options, onRewritten));
    }

    /// <summary>Null when the library carries a null externref both ways; else what happened.</summary>
    private string? ExternrefRefusal(SpecRunOptions options)
    {
        var dir = Path.Combine(options.ScratchDirectory, "wasmc-externref-probe-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var path = Path.Combine(dir, "externref.wast");
            File.WriteAllText(path, ExternrefProbe);
            var file = new SpecFile(path, "externref.wast", "core", ExternrefProbe.Length);
            FileResult? result = null;
            var probeEnv = new Dictionary<string, string> { [WasmCSpecHost.LibraryEnvironment] = Library };
            new InProcessSpecEngine("wasmc", Id, Version, env.WorkerAssembly, probeEnv)
                .Run([file], options with { Parallelism = 1, FileTimeout = TimeSpan.FromSeconds(30) }, r => result = r);
            var assertion = result?.Results.FirstOrDefault(r => r.IsAssertion);
            return assertion?.Outcome == AssertionOutcome.Pass ? null
                : $"this library cannot carry externref values through wasm_val_t ({assertion?.Outcome.ToWire() ?? "no result"}: {assertion?.Message ?? result?.FileError})";
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
