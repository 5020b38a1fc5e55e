using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;
using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// One iteration of a burst variant on Wasmtime: the module is compiled (or deserialized) once,
/// untimed in the headline, then N requests each get a fresh store, a fresh WASI context with the
/// same args/stdin and a fresh instance whose <c>_start</c> runs: the serverless
/// instance-per-request pattern, where the instance allocator (pooling vs on-demand) shows.
/// The whole loop is the region; stdout is the last request's; the first failing request ends it.
/// </summary>
internal static class WasmtimeBurst
{
    public static IterationResult Run(Wt.Engine engine, byte[] bytes, byte[]? serialized, EngineInvocation inv, int iteration, int requests)
    {
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt");
        var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt");
        long? compileNs = null, instantiateNs = null;
        var request = 0;
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using var module = serialized is null
                ? Wt.Module.FromBytes(engine, Path.GetFileName(inv.ArtifactPath), bytes)
                : Wt.Module.Deserialize(engine, Path.GetFileName(inv.ArtifactPath), serialized);
            compileNs = WasmtimeWorker.Ns(Stopwatch.GetTimestamp() - t0);
            using var linker = new Wt.Linker(engine);
            linker.DefineWasi();
            // The module's own markers are not the region here: the request loop is.
            linker.DefineFunction("bench", "start", () => { });
            linker.DefineFunction("bench", "end", () => { });

            var exitCode = 0;
            var outcome = Outcome.Ok;
            string? message = null;
            long? memory = null;
            var cpu0 = WasmtimeWorker.ThreadCpuNs();
            var loop0 = Stopwatch.GetTimestamp();
            for (request = 0; request < requests; request++)
            {
                using var store = new Wt.Store(engine);
                store.SetWasiConfiguration(WasmtimeWorker.WasiFor(inv, stdoutPath, stderrPath));
                var i0 = Stopwatch.GetTimestamp();
                var instance = linker.Instantiate(store, module);
                var start = instance.GetFunction("_start") ?? instance.GetFunction("run")
                    ?? throw new InvalidOperationException("module exports neither _start nor run");
                instantiateNs ??= WasmtimeWorker.Ns(Stopwatch.GetTimestamp() - i0);
                try
                {
                    start.Invoke();
                }
                catch (Wt.WasmtimeException e) when (e.ExitCode is not null)
                {
                    exitCode = e.ExitCode.Value;
                }
                catch (Wt.TrapException e)
                {
                    outcome = Outcome.Trap;
                    message = $"request {request + 1} of {requests}: {WasmtimeWorker.FirstLine(e.Message)}";
                }
                if (request == requests - 1 || outcome != Outcome.Ok || exitCode != 0)
                    memory = instance.GetMemory("memory")?.GetLength();
                if (outcome != Outcome.Ok || exitCode != 0)
                {
                    message ??= $"request {request + 1} of {requests} exited with code {exitCode}";
                    break;
                }
            }
            var loopNs = WasmtimeWorker.Ns(Stopwatch.GetTimestamp() - loop0);
            var cpu = WasmtimeWorker.ThreadCpuNs() - cpu0;
            return new IterationResult
            {
                Iteration = iteration,
                Outcome = outcome,
                CompileNs = compileNs,
                InstantiateNs = instantiateNs,
                ExecuteNs = loopNs,
                RegionNs = loopNs,
                RegionsNs = [loopNs],
                ExitCode = outcome == Outcome.Ok ? exitCode : null,
                StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = message,
                CpuNs = cpu,
                LinearMemoryBytes = memory,
            };
        }
        catch (Wt.TrapException e)
        {
            return new IterationResult
            {
                Iteration = iteration, Outcome = Outcome.Trap, CompileNs = compileNs, InstantiateNs = instantiateNs,
                Message = $"request {request + 1} of {requests}: {WasmtimeWorker.FirstLine(e.Message)}",
            };
        }
        catch (Exception e) when (e is Wt.WasmtimeException or InvalidOperationException)
        {
            return new IterationResult
            {
                Iteration = iteration, Outcome = Outcome.Unsupported, CompileNs = compileNs, InstantiateNs = instantiateNs,
                Message = WasmtimeWorker.FirstLine(e.Message),
            };
        }
    }
}
