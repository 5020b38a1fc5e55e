using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// Native code of another ISA: the workload's own sources cross-compiled by clang-22 for the target
/// (<see cref="CrossCompiler"/>) and run under qemu-user, one process per iteration. The artifact of
/// its invocations is that cross-compiled executable. Id <c>native-ISA</c>; it is never the baseline of
/// a ratio (emulated), but its output is the ISA's own answer for the portability matrix.
/// </summary>
public sealed class CrossNativeEngine(QemuUser qemu, string compilerVersion) : IEngine
{
    public EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"native-{qemu.Target.Isa}",
        Family = "native",
        Version = compilerVersion,
        Tier = "aot",
        Flags = [$"--target={qemu.Target.Triple}", .. qemu.Describe()],
        Source = $"clang-22 --target={qemu.Target.Triple}, run by {qemu.QemuBinary}",
        IsNative = true,
        Isa = qemu.Target.Isa,
        Emulated = true,
        Status = EngineStatus.Ready,
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        inv = inv with { Timeout = inv.Timeout * QemuUser.TimeoutScale };
        Directory.CreateDirectory(inv.ScratchDirectory);
        var iterations = new List<IterationResult>();
        long total = 0;
        ChildProcessResult? last = null;
        for (var i = 0; i < inv.Iterations; i++)
        {
            var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{i}.txt");
            var benchFile = Path.Combine(inv.ScratchDirectory, $"bench-{i}.txt");
            File.Delete(benchFile);
            var r = ChildProcess.Run(qemu.Wrap(new ChildProcessSpec
            {
                FileName = inv.ArtifactPath,
                Arguments = inv.Args,
                StdinPath = inv.StdinPath,
                StdoutPath = stdoutPath,
                Environment = new Dictionary<string, string>(inv.Environment) { ["OBSERVATORY_BENCH_FILE"] = benchFile },
                WorkingDirectory = inv.Preopens.FirstOrDefault()?.Host ?? inv.ScratchDirectory,
                Sandbox = EngineSandbox.For(inv),
                Timeout = inv.Timeout,
            }), cancellationToken);
            last = r;
            total += r.WallNs;
            if (r.TimedOut) return DriverEngine.Complete(inv, r, iterations, r.PeakRssKb, timeoutNote: QemuUser.TimeoutNote);
            var outcome = r.KilledBySignal || r.ExitCode == 127 ? Outcome.Crash : Outcome.Ok;
            var spans = NativeEngine.ReadRegions(benchFile);
            iterations.Add(new IterationResult
            {
                Iteration = i, Outcome = outcome, ExecuteNs = r.WallNs, RegionNs = spans?.Sum(), RegionsNs = spans,
                ExitCode = r.ExitCode, StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = outcome == Outcome.Ok ? null : $"exit code {r.ExitCode}: {r.StderrTail(400).Trim()}",
            });
        }
        return new ProcessResult { Iterations = iterations, TotalNs = total, PeakRssKb = last?.PeakRssKb, StderrTail = last?.StderrTail() ?? "" };
    }
}
