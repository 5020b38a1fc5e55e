using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// One iteration of a burst variant through wasm.h: <c>wasm_module_new</c> once, then N requests,
/// each a fresh <c>wasm_store_t</c>, a fresh WASI preview1 shim (same args and stdin) and a fresh
/// instance running <c>_start</c>. The loop is the region; stdout is the last request's; the first
/// failing request ends the iteration with its outcome.
/// </summary>
internal static class WasmCBurst
{
    public static IterationResult Run(WasmCRuntime runtime, byte[] bytes, EngineInvocation inv, int iteration, int requests)
    {
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt");
        var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt");
        long? compileNs = null, instantiateNs = null, loopNs = null;
        var outcome = Outcome.Ok;
        int? exitCode = null;
        string? message = null;
        var request = 0;
        try
        {
            // The module lives in the engine; the store that compiled it must outlive it.
            using var compileStore = runtime.NewStore();
            var t0 = Stopwatch.GetTimestamp();
            using var module = compileStore.Compile(bytes);
            compileNs = WasmCWorker.Ns(Stopwatch.GetTimestamp() - t0);
            var noop = new Dictionary<string, HostFunction>
            {
                ["start"] = new("bench", "start", [], [], _ => 0),
                ["end"] = new("bench", "end", [], [], _ => 0),
            };
            var loop0 = Stopwatch.GetTimestamp();
            for (request = 0; request < requests; request++)
            {
                exitCode = null;
                var wasi = new WasiPreview1(WasiOptions.For(inv, stdoutPath, stderrPath));
                try
                {
                    using var store = runtime.NewStore();
                    var imports = wasi.Imports(noop);
                    var i0 = Stopwatch.GetTimestamp();
                    using var instance = new WasmCInstance(store, module, imports);
                    wasi.Memory = instance.HasMemory ? instance : null;
                    var start = instance.Function("_start");
                    if (start == IntPtr.Zero) start = instance.Function("run");
                    if (start == IntPtr.Zero) throw new WasmCLinkException("module exports neither _start nor run");
                    instantiateNs ??= WasmCWorker.Ns(Stopwatch.GetTimestamp() - i0);
                    try
                    {
                        instance.Call(start, []);
                        exitCode = 0;
                    }
                    catch (WasmCTrapException e) when (e.ExitCode is not null || wasi.ExitCode is not null)
                    {
                        exitCode = e.ExitCode ?? wasi.ExitCode;
                    }
                }
                finally
                {
                    wasi.Dispose(); // flushes this request's stdout
                }
                if (exitCode != 0)
                {
                    message = $"request {request + 1} of {requests} exited with code {exitCode}";
                    break;
                }
            }
            loopNs = WasmCWorker.Ns(Stopwatch.GetTimestamp() - loop0);
        }
        catch (WasmCLinkException e)
        {
            outcome = Outcome.Unsupported;
            message = e.Message;
        }
        catch (WasmCTrapException e)
        {
            outcome = Outcome.Trap;
            message = $"request {request + 1} of {requests}: {e.Message}";
        }
        return new IterationResult
        {
            Iteration = iteration,
            Outcome = outcome,
            CompileNs = compileNs,
            InstantiateNs = instantiateNs,
            ExecuteNs = loopNs,
            RegionNs = outcome == Outcome.Ok ? loopNs : null,
            RegionsNs = outcome == Outcome.Ok && loopNs is { } l ? [l] : null,
            ExitCode = outcome == Outcome.Ok ? exitCode : null,
            StdoutPath = stdoutPath,
            StdoutSha256 = outcome == Outcome.Ok && File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
            Message = message,
        };
    }
}
