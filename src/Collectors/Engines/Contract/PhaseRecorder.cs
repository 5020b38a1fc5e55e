using System.Diagnostics;
using Observatory.Collectors.Processes;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// The one measurement path of every in-process engine (<see cref="IPhaseEngine"/>). It owns:
/// <list type="bullet">
/// <item>phase timing with <see cref="Stopwatch"/>: compile (or, precompiled, loading the module
/// serialized once untimed), instantiate (entry lookup included), execute;</item>
/// <item>CPU time: the thread CPU clock over the bench region when the module marks one, else over
/// execute (the burst: over the request loop);</item>
/// <item>bench.start/bench.end spans, each in call order (<see cref="RegionClock"/>);</item>
/// <item>stdout/stderr files in the scratch directory (<c>stdout-N.txt</c>, <c>stderr-N.txt</c>);</item>
/// <item>the stdout hash, by one rule: whenever the file exists, whatever the outcome. The hash
/// describes the bytes the module wrote; what an outcome means is the harness's call (it verifies
/// ok samples only), and hashing a trap's partial output the same way on every engine (the JS
/// drivers and native already do) lets failing runs be compared across engines too;</item>
/// <item>linear memory bytes, read from the instance after the run;</item>
/// <item>bursts (<c>requests = N</c>): compile once, N fresh stores + WASI + instances, the loop is
/// the region, stdout is the last request's, the first failing request ends the iteration;</item>
/// <item>one <see cref="IterationResult"/> per iteration.</item>
/// </list>
/// </summary>
public sealed class PhaseRecorder(IPhaseEngine engine, EngineInvocation inv, bool precompiled = false)
{
    private string Name => Path.GetFileName(inv.ArtifactPath);

    /// <summary>Runs every iteration, writing one @obs line each as it ends, then the process line.</summary>
    public void Run(TextWriter protocol)
    {
        foreach (var result in Iterations())
        {
            protocol.WriteLine(DriverProtocol.IterationLine(result));
            protocol.Flush();
        }
        protocol.WriteLine(DriverProtocol.ProcessLine(ChildProcess.ReadPeakRssKb(Environment.ProcessId)));
        protocol.Flush();
    }

    public IEnumerable<IterationResult> Iterations()
    {
        if (inv.Requests is not null && engine.Capabilities.BurstsUnsupported is { } noBursts)
        {
            for (var i = 0; i < inv.Iterations; i++) yield return BurstUnsupported.Iteration(i, noBursts);
            yield break;
        }
        var bytes = File.ReadAllBytes(inv.ArtifactPath);
        byte[]? serialized = null;
        if (precompiled)
        {
            // What `wasmtime compile` or a code cache does ahead of time: untimed, once per process.
            string? why = engine.Capabilities.Precompiled ? null : "this engine cannot load precompiled modules";
            if (why is null)
            {
                try
                {
                    using var m = engine.Compile(bytes, Name);
                    serialized = engine.Serialize(m);
                }
                catch (ModuleRefusedException e) { why = e.Message; }
            }
            if (why is not null)
            {
                for (var i = 0; i < inv.Iterations; i++) yield return new IterationResult { Iteration = i, Outcome = Outcome.Unsupported, Message = why };
                yield break;
            }
        }
        for (var i = 0; i < inv.Iterations; i++)
            yield return inv.Requests is { } requests ? Burst(bytes, serialized, i, requests) : Once(bytes, serialized, i);
    }

    private IEngineModule Load(byte[] bytes, byte[]? serialized) =>
        serialized is null ? engine.Compile(bytes, Name) : engine.Deserialize(serialized, Name);

    private (string Stdout, string Stderr) Files(int iteration) =>
        (Path.Combine(inv.ScratchDirectory, $"stdout-{iteration}.txt"), Path.Combine(inv.ScratchDirectory, $"stderr-{iteration}.txt"));

    private IterationResult Once(byte[] bytes, byte[]? serialized, int iteration)
    {
        var (stdout, stderr) = Files(iteration);
        var m = new Measured();
        var region = new RegionClock();
        long? executeCpu = null;
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using var module = Load(bytes, serialized);
            m.CompileNs = Nanoseconds.Since(t0);
            using (var store = engine.NewStore(WasiSpec.For(inv, stdout, stderr), region))
            {
                var t1 = Stopwatch.GetTimestamp();
                var instance = store.Instantiate(module);
                m.InstantiateNs = Nanoseconds.Since(t1);
                var cpu0 = ThreadCpuClock.NowNs();
                var t2 = Stopwatch.GetTimestamp();
                m.Entry = instance.RunEntry();
                m.ExecuteNs = Nanoseconds.Since(t2);
                executeCpu = ThreadCpuClock.NowNs() - cpu0;
                m.MemoryBytes = engine.Capabilities.LinearMemory ? instance.LinearMemoryBytes : null;
            }
        }
        catch (ModuleRefusedException e) { m.Refused(e.Message); }
        catch (GuestTrapException e) { m.Trapped(e.Message); }
        if (region.Seen)
        {
            m.RegionsNs = region.SpansNs;
            m.CpuNs = region.CpuNs;
        }
        else m.CpuNs = executeCpu;
        return m.Result(iteration, stdout, stderr, engine.Capabilities.ThreadCpuClock);
    }

    private IterationResult Burst(byte[] bytes, byte[]? serialized, int iteration, int requests)
    {
        var (stdout, stderr) = Files(iteration);
        var m = new Measured();
        var request = 0;
        try
        {
            var t0 = Stopwatch.GetTimestamp();
            using var module = Load(bytes, serialized);
            m.CompileNs = Nanoseconds.Since(t0);
            var cpu0 = ThreadCpuClock.NowNs();
            var loop0 = Stopwatch.GetTimestamp();
            for (request = 0; request < requests; request++)
            {
                using var store = engine.NewStore(WasiSpec.For(inv, stdout, stderr), BenchHooks.None);
                var i0 = Stopwatch.GetTimestamp();
                var instance = store.Instantiate(module);
                m.InstantiateNs ??= Nanoseconds.Since(i0);
                m.Entry = instance.RunEntry();
                var failed = m.Entry.Trapped || m.Entry.ExitCode != 0;
                if (request == requests - 1 || failed)
                    m.MemoryBytes = engine.Capabilities.LinearMemory ? instance.LinearMemoryBytes : null;
                if (failed) break;
            }
            var loopNs = Nanoseconds.Since(loop0);
            m.CpuNs = ThreadCpuClock.NowNs() - cpu0;
            m.ExecuteNs = loopNs;
            m.RegionsNs = [loopNs];
        }
        catch (ModuleRefusedException e) { m.Refused(e.Message); }
        catch (GuestTrapException e) { m.Trapped(e.Message); }
        m.Context = $"request {Math.Min(request, requests - 1) + 1} of {requests}";
        return m.Result(iteration, stdout, stderr, engine.Capabilities.ThreadCpuClock);
    }

    /// <summary>What one iteration measured so far, and how it becomes an <see cref="IterationResult"/>.</summary>
    private sealed class Measured
    {
        public long? CompileNs, InstantiateNs, ExecuteNs, CpuNs, MemoryBytes;
        public IReadOnlyList<long>? RegionsNs;
        public EntryOutcome? Entry;
        public string? Context;
        private Outcome? failure;
        private string? failureMessage;

        public void Refused(string message) => (failure, failureMessage) = (Outcome.Unsupported, message);

        public void Trapped(string message) => (failure, failureMessage) = (Outcome.Trap, message);

        public IterationResult Result(int iteration, string stdout, string stderr, bool cpuClock)
        {
            var outcome = failure ?? (Entry?.Trapped == true ? Outcome.Trap : Outcome.Ok);
            var message = failureMessage ?? Entry?.TrapMessage;
            if (Entry is { StderrExplainsTrap: true } && outcome == Outcome.Trap && StderrText(stderr) is { } said)
                message = $"stderr: {said} | {message}";
            int? exitCode = outcome == Outcome.Ok ? Entry?.ExitCode : null;
            if (Context is not null)
            {
                if (outcome == Outcome.Trap) message = $"{Context}: {message}";
                else if (outcome == Outcome.Ok && exitCode is not 0) message = $"{Context} exited with code {exitCode}";
            }
            return new IterationResult
            {
                Iteration = iteration,
                Outcome = outcome,
                CompileNs = CompileNs,
                InstantiateNs = InstantiateNs,
                ExecuteNs = ExecuteNs,
                RegionNs = RegionsNs?.Sum(),
                RegionsNs = RegionsNs,
                ExitCode = exitCode,
                StdoutPath = stdout,
                StdoutSha256 = File.Exists(stdout) ? Sha256File.Of(stdout) : null,
                Message = message,
                CpuNs = cpuClock ? CpuNs : null,
                LinearMemoryBytes = MemoryBytes,
            };
        }

        private static string? StderrText(string path)
        {
            if (!File.Exists(path)) return null;
            var said = File.ReadAllText(path).Trim();
            return said.Length == 0 ? null : said.Length > 200 ? said[..200] : said;
        }
    }
}
