using System.Diagnostics;
using System.Text.Json.Nodes;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.WasmC;

/// <summary>
/// Runs inside the child process of the wasm.h engine (<c>observatory worker wasmc --library PATH</c>):
/// loads the library, then per iteration creates a store, compiles (<c>wasm_module_new</c>),
/// instantiates with the WASI preview1 shim and bench.start/bench.end, and calls <c>_start</c>
/// (or <c>run</c>), printing one @obs line per iteration like every other worker.
/// </summary>
public static class WasmCWorker
{
    public static int Run(string library, EngineInvocation inv, TextWriter protocol)
    {
        WasmCApi api;
        try
        {
            api = WasmCApi.Load(library);
        }
        catch (WasmCLibraryException e)
        {
            // Every iteration is a crash with the reason; the harness shows it instead of a bare exit code.
            for (var i = 0; i < inv.Iterations; i++)
                protocol.WriteLine(DriverProtocol.IterationLine(new IterationResult { Iteration = i, Outcome = Outcome.Crash, Message = e.Message }));
            protocol.Flush();
            return 1;
        }
        var bytes = File.ReadAllBytes(inv.ArtifactPath);
        using var runtime = new WasmCRuntime(api);
        for (var i = 0; i < inv.Iterations; i++)
        {
            var result = inv.Requests is { } requests ? WasmCBurst.Run(runtime, bytes, inv, i, requests) : RunOnce(runtime, bytes, inv, i);
            protocol.WriteLine(DriverProtocol.IterationLine(result));
            protocol.Flush();
        }
        protocol.WriteLine(DriverProtocol.ProcessLine(ChildProcess.ReadPeakRssKb(Environment.ProcessId)));
        protocol.Flush();
        return 0;
    }

    private static IterationResult RunOnce(WasmCRuntime runtime, byte[] bytes, EngineInvocation inv, int iteration)
    {
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt");
        var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt");
        long? compileNs = null, instantiateNs = null, executeNs = null;
        long regionStart = 0, regionTicks = 0;
        var regionSeen = false;
        var spans = new List<long>();
        var outcome = Outcome.Ok;
        int? exitCode = null;
        string? message = null;
        var wasi = new WasiPreview1(WasiOptions.For(inv, stdoutPath, stderrPath));
        try
        {
            using var store = runtime.NewStore();
            var t0 = Stopwatch.GetTimestamp();
            using var module = store.Compile(bytes);
            var t1 = Stopwatch.GetTimestamp();
            compileNs = Ns(t1 - t0);
            var bench = new Dictionary<string, HostFunction>
            {
                ["start"] = new("bench", "start", [], [], _ => { regionStart = Stopwatch.GetTimestamp(); return 0; }),
                ["end"] = new("bench", "end", [], [], _ =>
                {
                    var span = Stopwatch.GetTimestamp() - regionStart;
                    regionTicks += span;
                    regionSeen = true;
                    spans.Add(Ns(span));
                    return 0;
                }),
            };
            var imports = wasi.Imports(bench);
            var t2 = Stopwatch.GetTimestamp();
            using var instance = new WasmCInstance(store, module, imports);
            wasi.Memory = instance.HasMemory ? instance : null;
            var start = instance.Function("_start");
            if (start == IntPtr.Zero) start = instance.Function("run");
            if (start == IntPtr.Zero) throw new WasmCLinkException("module exports neither _start nor run");
            var t3 = Stopwatch.GetTimestamp();
            instantiateNs = Ns(t3 - t2);
            try
            {
                instance.Call(start, []);
                exitCode = 0;
            }
            catch (WasmCTrapException e) when (e.ExitCode is not null || wasi.ExitCode is not null)
            {
                exitCode = e.ExitCode ?? wasi.ExitCode;
            }
            catch (WasmCTrapException e)
            {
                outcome = Outcome.Trap;
                message = e.Message;
            }
            executeNs = Ns(Stopwatch.GetTimestamp() - t3);
        }
        catch (WasmCLinkException e)
        {
            outcome = Outcome.Unsupported;
            message = e.Message;
        }
        catch (WasmCTrapException e)
        {
            // A trap while instantiating (start function, data segment out of bounds).
            outcome = Outcome.Trap;
            message = e.Message;
        }
        finally
        {
            wasi.Dispose(); // flushes stdout before it is hashed
        }
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
            StdoutSha256 = outcome == Outcome.Ok && File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
            Message = message,
        };
    }

    /// <summary>
    /// (module (import "probe" "double" (func (param i32) (result i32))) (memory (export "memory") 1)
    ///   (func (export "answer") (param i32) (result i32) local.get 0 call 0 i32.const 1 i32.add))
    /// </summary>
    private static readonly byte[] ProbeModule =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x02, 0x10, 0x01, 0x05,
        0x70, 0x72, 0x6f, 0x62, 0x65, 0x06, 0x64, 0x6f, 0x75, 0x62, 0x6c, 0x65, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x05, 0x03,
        0x01, 0x00, 0x01, 0x07, 0x13, 0x02, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x06, 0x61, 0x6e, 0x73, 0x77,
        0x65, 0x72, 0x00, 0x01, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x00, 0x10, 0x00, 0x41, 0x01, 0x6a, 0x0b,
    ];

    public const string ProbePrefix = "@probe ";

    /// <summary>
    /// Proves a library is a working wasm.h engine: resolves every symbol, compiles and
    /// instantiates a module importing a host function, calls it (20 doubled plus one is 41)
    /// and prints <c>@probe {"ok":..., "message":..., "version":...}</c>.
    /// </summary>
    public static int Probe(string library, TextWriter output)
    {
        var o = new JsonObject { ["library"] = Path.GetFullPath(library) };
        try
        {
            var api = WasmCApi.Load(library);
            o["version"] = WasmCLibraryVersion.Read(api.Handle);
            using var runtime = new WasmCRuntime(api);
            using var store = runtime.NewStore();
            using var module = store.Compile(ProbeModule);
            using var instance = new WasmCInstance(store, module,
                imp => imp is { Module: "probe", Name: "double" } ? new HostFunction("probe", "double", [WasmVal.KindI32], [WasmVal.KindI32], a => a[0] * 2) : null);
            var answer = instance.Function("answer");
            var got = instance.Call(answer, [new WasmVal { Kind = WasmVal.KindI32, I32 = 20 }]);
            o["ok"] = got == 41;
            o["message"] = got == 41 ? "" : $"probe module returned {got}, expected 41";
        }
        catch (Exception e) when (e is WasmCLibraryException or WasmCLinkException or WasmCTrapException)
        {
            o["ok"] = false;
            o["message"] = e.Message;
        }
        output.WriteLine(ProbePrefix + o.ToJsonString());
        output.Flush();
        return 0;
    }

    internal static long Ns(long ticks) => (long)(ticks * (1_000_000_000.0 / Stopwatch.Frequency));
}
