using System.Text;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Wabt;

/// <summary>
/// wabt's reference interpreter, <c>wasm-interp</c> (Debian's wabt is built without WASI,
/// so SupportsWasi is false and the harness gives it only modules without WASI imports).
/// Each iteration is one process: <c>wasm-interp FILE --run-all-exports --dummy-import-func</c>
/// runs every exported function (with zero arguments) in order; bench.start/bench.end and any
/// other import become wabt's logging dummies. wasm-interp reports no phases, so the execute
/// phase is the process's wall time (parse, validate and run together) and compile and
/// instantiate are absent. The module's observable output, its functions' results
/// ("run() => i32:42"), is what is written to the stdout file and hashed; a "=> error:" line
/// is a trap.
/// </summary>
public sealed class WasmInterpEngine(string binary, string version) : IEngine
{
    public const double TimeoutScale = 4;

    public EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"wabt-{version}/interp",
        Family = "wabt",
        Version = version,
        Tier = "interp",
        Flags = ["--run-all-exports", "--dummy-import-func", "phases=process wall time only", $"timeout-scale={TimeoutScale}"],
        Source = $"Debian wabt ({binary})",
        SupportsWasi = false,
        Status = EngineStatus.Ready,
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        if (inv.Requests is not null)
            return BurstUnsupported.Process(inv, "wasm-interp runs one module per process: it cannot create a fresh instance per request (burst variant, requests = N)");
        inv = inv with { Timeout = inv.Timeout * TimeoutScale };
        Directory.CreateDirectory(inv.ScratchDirectory);
        var iterations = new List<IterationResult>();
        long total = 0;
        long? rss = null;
        ChildProcessResult? last = null;
        for (var i = 0; i < inv.Iterations; i++)
        {
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = binary,
                Arguments = [inv.ArtifactPath, "--run-all-exports", "--dummy-import-func"],
                Timeout = inv.Timeout,
                Sandbox = EngineSandbox.For(inv).WithReadOnly(binary),
            }, cancellationToken);
            last = r;
            total += r.WallNs;
            rss = rss is null ? r.PeakRssKb : Math.Max(rss.Value, r.PeakRssKb ?? 0);
            if (r.TimedOut) return DriverEngine.Complete(inv, r, iterations, rss);
            iterations.Add(Interpret(inv, i, r));
        }
        return new ProcessResult { Iterations = iterations, TotalNs = total, PeakRssKb = rss, StderrTail = last?.StderrTail() ?? "" };
    }

    private static IterationResult Interpret(EngineInvocation inv, int i, ChildProcessResult r)
    {
        var results = r.Stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("called host ", StringComparison.Ordinal)).ToList();
        var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{i}.txt");
        File.WriteAllText(stdoutPath, string.Concat(results.Select(l => l + "\n")), new UTF8Encoding(false));
        var trap = results.FirstOrDefault(l => l.Contains("=> error:", StringComparison.Ordinal));
        var outcome = r.KilledBySignal ? Outcome.Crash
            : r.ExitCode != 0 ? Outcome.Unsupported
            : trap is not null ? Outcome.Trap
            : Outcome.Ok;
        return new IterationResult
        {
            Iteration = i,
            Outcome = outcome,
            ExecuteNs = r.WallNs,
            ExitCode = outcome == Outcome.Ok ? 0 : null,
            StdoutPath = stdoutPath,
            StdoutSha256 = outcome == Outcome.Ok ? Sha256File.Of(stdoutPath) : null,
            Message = outcome switch
            {
                Outcome.Ok => null,
                Outcome.Trap => trap,
                _ => $"wasm-interp {r.Ending}: {r.StderrTail(400).Trim()}",
            },
        };
    }
}
