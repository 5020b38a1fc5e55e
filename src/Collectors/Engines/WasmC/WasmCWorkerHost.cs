using Observatory.Collectors.Engines.Contract;
using Observatory.Collectors.Engines.Worker;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// The wasm.h engine inside the worker process: the request's settings are the library path.
/// A run request loads it and runs <see cref="WasmCPhaseEngine"/> through the one
/// <see cref="PhaseRecorder"/>; a probe request runs <see cref="WasmCProbe"/>.
/// </summary>
public sealed class WasmCWorkerHost : IWorkerHost
{
    public int Serve(WorkerRequest request, TextWriter output)
    {
        if (request.Settings.Length == 0) throw new FormatException("a wasmc request needs the library path as its settings");
        if (request.Kind == WorkerRequestKind.Probe) return WasmCProbe.Run(request.Settings, output);
        var inv = request.Invocation!;
        WasmCApi api;
        try
        {
            api = WasmCApi.Load(request.Settings);
        }
        catch (WasmCLibraryException e)
        {
            // Every iteration is a crash with the reason; the harness shows it instead of a bare exit code.
            for (var i = 0; i < inv.Iterations; i++)
                output.WriteLine(DriverProtocol.IterationLine(new IterationResult { Iteration = i, Outcome = Outcome.Crash, Message = e.Message }));
            output.Flush();
            return 1;
        }
        using var engine = new WasmCPhaseEngine(new WasmCRuntime(api));
        new PhaseRecorder(engine, inv).Run(output);
        return 0;
    }
}
