using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;
using Wt = global::Wasmtime;

namespace Observatory.Collectors.Engines.Wasmtime;

/// <summary>
/// Runs inside the child process that hosts Wasmtime in-process: compiles,
/// instantiates and executes the module <c>Iterations</c> times, timing each phase
/// and the bench.start/bench.end region, and writes one @obs line per iteration.
/// Living in its own process means a crash or hang costs one sample, not the run.
/// </summary>
public static class WasmtimeWorker
{
    public static int Run(WasmtimeSettings settings, EngineInvocation inv, TextWriter protocol)
    {
        var bytes = File.ReadAllBytes(inv.ArtifactPath);
        using var config = settings.CreateConfig();
        using var engine = new Wt.Engine(config);
        // Precompiled: serialize once, untimed (what `wasmtime compile` or a code cache does
        // ahead of time); each iteration then deserializes, so its compile phase is the load.
        byte[]? serialized = null;
        if (settings.Precompiled)
        {
            try
            {
                using var m = Wt.Module.FromBytes(engine, Path.GetFileName(inv.ArtifactPath), bytes);
                serialized = m.Serialize();
            }
            catch (Wt.WasmtimeException e)
            {
                for (var i = 0; i < inv.Iterations; i++)
                    protocol.WriteLine(DriverProtocol.IterationLine(new IterationResult { Iteration = i, Outcome = Outcome.Unsupported, Message = FirstLine(e.Message) }));
                protocol.Flush();
                return 0;
            }
        }
        for (var i = 0; i < inv.Iterations; i++)
        {
            var result = inv.Requests is { } requests
                ? settings.Component
                    ? BurstUnsupported.Iteration(i, "a burst variant (requests = N) runs core modules only; the component engine runs one request per iteration")
                    : WasmtimeBurst.Run(engine, bytes, serialized, inv, i, requests)
                : settings.Component ? RunComponentOnce(engine, bytes, inv, i) : RunOnce(engine, bytes, serialized, inv, i);
            protocol.WriteLine(DriverProtocol.IterationLine(result));
            protocol.Flush();
        }
        protocol.WriteLine(DriverProtocol.ProcessLine(ChildProcess.ReadPeakRssKb(Environment.ProcessId)));
        protocol.Flush();
        return 0;
    }

    private static IterationResult RunOnce(Wt.Engine engine, byte[] bytes, byte[]? serialized, EngineInvocation inv, int iteration)
    {
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt");
        var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt");
        long? compileNs = null, instantiateNs = null, executeNs = null;
        long regionStart = 0, regionTicks = 0, regionCpuStart = 0, regionCpu = 0;
        var regionSeen = false;
        var spans = new List<long>();
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using var module = serialized is null
                ? Wt.Module.FromBytes(engine, Path.GetFileName(inv.ArtifactPath), bytes)
                : Wt.Module.Deserialize(engine, Path.GetFileName(inv.ArtifactPath), serialized);
            var t1 = Stopwatch.GetTimestamp();
            compileNs = Ns(t1 - t0);

            using var linker = new Wt.Linker(engine);
            using var store = new Wt.Store(engine);
            linker.DefineWasi();
            linker.DefineFunction("bench", "start", () => { regionCpuStart = ThreadCpuNs(); regionStart = Stopwatch.GetTimestamp(); });
            linker.DefineFunction("bench", "end", () =>
            {
                var span = Stopwatch.GetTimestamp() - regionStart;
                regionTicks += span;
                regionCpu += ThreadCpuNs() - regionCpuStart;
                regionSeen = true;
                spans.Add(Ns(span));
            });
            var wasi = new Wt.WasiConfiguration()
                .WithArgs([inv.ProgramName, .. inv.Args])
                .WithEnvironmentVariables(inv.Environment.Select(kv => (kv.Key, kv.Value)))
                .WithStandardOutput(stdoutPath)
                .WithStandardError(stderrPath);
            if (inv.StdinPath is not null) wasi.WithStandardInput(inv.StdinPath);
            foreach (var d in inv.Preopens) wasi.WithPreopenedDirectory(d.Host, d.Guest, true);
            store.SetWasiConfiguration(wasi);

            var t2 = Stopwatch.GetTimestamp();
            var instance = linker.Instantiate(store, module);
            var start = instance.GetFunction("_start") ?? instance.GetFunction("run")
                ?? throw new InvalidOperationException("module exports neither _start nor run");
            var t3 = Stopwatch.GetTimestamp();
            instantiateNs = Ns(t3 - t2);

            var exitCode = 0;
            Outcome outcome = Outcome.Ok;
            string? message = null;
            var cpu0 = ThreadCpuNs();
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
                message = FirstLine(e.Message);
            }
            var t4 = Stopwatch.GetTimestamp();
            var executeCpu = ThreadCpuNs() - cpu0;
            executeNs = Ns(t4 - t3);
            return new IterationResult
            {
                Iteration = iteration,
                Outcome = outcome,
                CompileNs = compileNs,
                InstantiateNs = instantiateNs,
                ExecuteNs = executeNs,
                RegionNs = regionSeen ? Ns(regionTicks) : null,
                RegionsNs = regionSeen ? spans : null,
                ExitCode = exitCode,
                StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = message,
                CpuNs = regionSeen ? regionCpu : executeCpu,
                LinearMemoryBytes = instance.GetMemory("memory")?.GetLength(),
            };
        }
        catch (Wt.TrapException e)
        {
            // A trap while instantiating (start function, out-of-bounds data segment).
            return new IterationResult
            {
                Iteration = iteration,
                Outcome = Outcome.Trap,
                CompileNs = compileNs,
                InstantiateNs = instantiateNs,
                Message = FirstLine(e.Message),
            };
        }
        catch (Exception e) when (e is Wt.WasmtimeException or InvalidOperationException)
        {
            // Compile or link failures (invalid module, unknown import, no entry point):
            // the module cannot run on this engine as configured.
            return new IterationResult
            {
                Iteration = iteration,
                Outcome = Outcome.Unsupported,
                CompileNs = compileNs,
                InstantiateNs = instantiateNs,
                Message = FirstLine(e.Message),
            };
        }
    }

    /// <summary>
    /// A WASI 0.2 command component on Wasmtime's component API: compile = Component.FromBytes,
    /// instantiate = ComponentLinker (WASI p2 from the .NET binding's AddWasiPreview2) .Instantiate,
    /// execute = wasi:cli/run.run(). A component has no bench imports, so there is no region.
    /// </summary>
    private static IterationResult RunComponentOnce(Wt.Engine engine, byte[] bytes, EngineInvocation inv, int iteration)
    {
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt");
        var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt");
        long? compileNs = null, instantiateNs = null;
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using var component = Wt.Components.Component.FromBytes(engine, bytes);
            var t1 = Stopwatch.GetTimestamp();
            compileNs = Ns(t1 - t0);
            using var linker = new Wt.Components.ComponentLinker(engine);
            linker.AddWasiPreview2();
            using var store = new Wt.Store(engine);
            store.SetWasiConfiguration(WasiFor(inv, stdoutPath, stderrPath));
            var t2 = Stopwatch.GetTimestamp();
            var instance = linker.Instantiate(store, component);
            var run = RunExport(instance) ?? throw new InvalidOperationException("component exports no wasi:cli/run");
            var t3 = Stopwatch.GetTimestamp();
            instantiateNs = Ns(t3 - t2);
            int exitCode;
            var outcome = Outcome.Ok;
            string? message = null;
            try
            {
                var result = run.Call();
                exitCode = result is { Kind: Wt.Components.ComponentValueKind.Result, IsOk: false } ? 1 : 0;
            }
            catch (Wt.WasmtimeException e) when (e.ExitCode is not null)
            {
                exitCode = e.ExitCode.Value;
            }
            catch (Wt.WasmtimeException e)
            {
                // A trap inside the component (Wasmtime reports it as "error while executing").
                exitCode = 0;
                outcome = Outcome.Trap;
                message = FirstLine(e.Message);
            }
            var executeNs = Ns(Stopwatch.GetTimestamp() - t3);
            store.Dispose(); // closes the WASI stdout file before it is hashed
            if (outcome == Outcome.Trap && File.Exists(stderrPath) && File.ReadAllText(stderrPath).Trim() is { Length: > 0 } said)
                message = $"stderr: {(said.Length > 200 ? said[..200] : said)} | {message}"; // the preview1 adapter's assertion text first
            return new IterationResult
            {
                Iteration = iteration, Outcome = outcome, CompileNs = compileNs, InstantiateNs = instantiateNs, ExecuteNs = executeNs,
                ExitCode = outcome == Outcome.Ok ? exitCode : null, StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null, Message = message,
            };
        }
        catch (Wt.TrapException e)
        {
            return new IterationResult { Iteration = iteration, Outcome = Outcome.Trap, CompileNs = compileNs, InstantiateNs = instantiateNs, Message = FirstLine(e.Message) };
        }
        catch (Exception e) when (e is Wt.WasmtimeException or InvalidOperationException)
        {
            return new IterationResult { Iteration = iteration, Outcome = Outcome.Unsupported, CompileNs = compileNs, InstantiateNs = instantiateNs, Message = FirstLine(e.Message) };
        }
    }

    /// <summary>wasi:cli/run@0.2.x: Wasmtime resolves any 0.2 patch version from the 0.2.0 name.</summary>
    private static Wt.Components.ComponentFunction? RunExport(Wt.Components.ComponentInstance instance)
    {
        foreach (var name in new[] { "wasi:cli/run@0.2.0", "wasi:cli/run@0.2.12", "wasi:cli/run@0.2.6", "wasi:cli/run@0.2.3" })
        {
            try
            {
                if (instance.GetFunction(name, "run") is { } f) return f;
            }
            catch (Wt.WasmtimeException) { }
        }
        return null;
    }

    internal static Wt.WasiConfiguration WasiFor(EngineInvocation inv, string stdoutPath, string stderrPath)
    {
        var wasi = new Wt.WasiConfiguration()
            .WithArgs([inv.ProgramName, .. inv.Args])
            .WithEnvironmentVariables(inv.Environment.Select(kv => (kv.Key, kv.Value)))
            .WithStandardOutput(stdoutPath)
            .WithStandardError(stderrPath);
        if (inv.StdinPath is not null) wasi.WithStandardInput(inv.StdinPath);
        foreach (var d in inv.Preopens) wasi.WithPreopenedDirectory(d.Host, d.Guest, true);
        return wasi;
    }

    // CPU time of this thread, where the module runs: it stops while other processes hold the CPU.
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec ts);
    private struct Timespec { public long Sec, Nsec; }
    internal static long ThreadCpuNs() => ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var t) == 0 ? t.Sec * 1_000_000_000 + t.Nsec : 0;

    internal static long Ns(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));

    internal static string FirstLine(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.Take(4));
    }
}
