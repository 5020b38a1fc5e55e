using Observatory.Collectors.Engines.Contract;
using Observatory.Collectors.Engines.Worker;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Wasmtime inside the worker process: the request's settings key (<c>cranelift+pooling</c>, ...)
/// picks the configuration; core modules run on <see cref="WasmtimePhaseEngine"/>, components on
/// <see cref="WasmtimeComponentPhaseEngine"/>, both through the one <see cref="PhaseRecorder"/>.
/// </summary>
public sealed class WasmtimeWorkerHost : IWorkerHost
{
    public int Serve(WorkerRequest request, TextWriter output)
    {
        if (request.Kind != WorkerRequestKind.Run)
            throw new FormatException($"the wasmtime worker serves run requests only, not {request.Kind.ToString().ToLowerInvariant()} (its configurations are probed in-process)");
        var settings = WasmtimeSettings.Parse(request.Settings.Length > 0 ? request.Settings : "cranelift");
        using IPhaseEngine engine = settings.Component ? new WasmtimeComponentPhaseEngine(settings) : new WasmtimePhaseEngine(settings);
        new PhaseRecorder(engine, request.Invocation!, settings.Precompiled).Run(output);
        return 0;
    }
}
