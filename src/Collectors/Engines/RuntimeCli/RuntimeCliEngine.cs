using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.RuntimeCli;

/// <summary>
/// A runtime driven through its command line (<see cref="RuntimeCliDefinition"/>). A CLI reports
/// no phases, so each iteration is one process and its execute phase is the process's wall time
/// (start-up, compile and run together: the cold start a CLI user sees); compile and instantiate
/// are absent. Its CPU time is the process tree's: the kernel's account through <see cref="ProcessAccountant"/>, else polled where fine enough (<see cref="CliCpuTime"/>). The module's stdout and stderr are the process's (<c>stdout-N.txt</c>, <c>stderr-N.txt</c>
/// in the scratch directory, where the WASI runner reads them). The process runs in an empty
/// directory of its own, never a preopen's host directory (WAMR's symlink check and wasm3's "."
/// mapping see the working directory); an invocation the template cannot express is unsupported.
/// </summary>
public sealed class RuntimeCliEngine(EngineEnvironment env, RuntimeCliDefinition definition, string command, string version) : IEngine, IInvocationLimits
{
    /// <summary>The resolved command (a path).</summary>
    public string Command => command;

    public RuntimeCliDefinition Definition => definition;

    public EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"{definition.Name}-{version}/cli",
        Family = definition.Name,
        Version = version,
        Tier = "cli",
        Flags = ["phases=process wall time (CPU time of the process tree: the kernel's, in µs)", $"template={string.Join(' ', definition.Run)}", definition.Expressiveness.Flag],
        Source = $"{command} ({definition.Origin})",
        SupportsWasi = definition.Wasi,
        Status = EngineStatus.Ready,
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        if (inv.Requests is not null)
            return BurstUnsupported.Process(inv, $"{definition.Name} is driven through its CLI, one process per run: it cannot create a fresh instance per request inside one process (burst variant, requests = N)");
        Directory.CreateDirectory(inv.ScratchDirectory);
        var reason = CannotExpress(inv, directoriesNeeded: false) ?? CommandModuleCheck.Problem(File.ReadAllBytes(inv.ArtifactPath));
        var wasm = reason is null ? new BenchImportFolder(env).Prepare(Path.GetFullPath(inv.ArtifactPath), out reason) : null;
        if (wasm is null)
            return new ProcessResult
            {
                Iterations = Enumerable.Range(0, inv.Iterations).Select(i => new IterationResult { Iteration = i, Outcome = Outcome.Unsupported, Message = reason }).ToList(),
                ProcessFailure = Outcome.Unsupported,
                FailureMessage = reason,
            };
        // The kernel's account of each process's CPU time (µs) where obs-rusage can be built, else /proc's polled ticks.
        var accountant = new ProcessAccountant(env).Build(out _);
        var iterations = new List<IterationResult>();
        long total = 0;
        long? rss = null;
        ChildProcessResult? last = null;
        for (var i = 0; i < inv.Iterations; i++)
        {
            var stdoutPath = Path.Combine(inv.ScratchDirectory, $"stdout-{i}.txt");
            var stderrPath = Path.Combine(inv.ScratchDirectory, $"stderr-{i}.txt");
            // A neutral working directory: empty, inside the scratch directory, shared with no preopen.
            var cwd = Path.Combine(Path.GetFullPath(inv.ScratchDirectory), $"cwd-{i}");
            Directory.CreateDirectory(cwd);
            var rusagePath = Path.Combine(Path.GetFullPath(inv.ScratchDirectory), $"rusage-{i}.txt");
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = accountant ?? command,
                Arguments = accountant is null ? definition.Expand(wasm, inv) : [rusagePath, command, .. definition.Expand(wasm, inv)],
                StdinPath = inv.StdinPath,
                StdoutPath = stdoutPath,
                WorkingDirectory = cwd,
                Timeout = inv.Timeout,
                Sandbox = EngineSandbox.For(inv).WithReadOnly([wasm, .. EngineSandbox.InstallOf(command), .. ExistingPaths(definition.Expand(wasm, inv)),
                    .. accountant is null ? Array.Empty<string>() : [accountant]]),
            }, cancellationToken);
            last = r;
            File.WriteAllText(stderrPath, r.Stderr); // the guest's stderr is the process's
            total += r.WallNs;
            rss = rss is null ? r.PeakRssKb : Math.Max(rss.Value, r.PeakRssKb ?? 0);
            if (r.TimedOut) return DriverEngine.Complete(inv, r, iterations, rss);
            var outcome = r.KilledBySignal || r.ExitCode == 127 ? Outcome.Crash : Outcome.Ok;
            iterations.Add(new IterationResult
            {
                Iteration = i,
                Outcome = outcome,
                ExecuteNs = r.WallNs,
                CpuNs = ProcessAccountant.ReadCpuNs(rusagePath) ?? CliCpuTime.Reported(r.CpuNs),
                ExitCode = r.ExitCode,
                StdoutPath = stdoutPath,
                StdoutSha256 = File.Exists(stdoutPath) ? Sha256File.Of(stdoutPath) : null,
                Message = outcome == Outcome.Ok && r.ExitCode == 0 ? null : $"{definition.Name} {r.Ending}: {r.StderrTail(400).Trim()}",
            });
            if (inv.SpendLimit is { } limit && total >= limit.Ticks * 100) break; // the cell's budget is spent
        }
        return new ProcessResult { Iterations = iterations, TotalNs = total, PeakRssKb = rss, StderrTail = last?.StderrTail() ?? "" };
    }

    public string? CannotExpress(EngineInvocation inv, bool directoriesNeeded) =>
        definition.Expressiveness.CannotExpress(definition.Name, inv, directoriesNeeded);

    /// <summary>Absolute paths the command template itself names (a script, a config): the runtime's own files, shown read-only.</summary>
    private static IEnumerable<string> ExistingPaths(IEnumerable<string> args) =>
        args.Where(a => a.StartsWith('/') && (File.Exists(a) || Directory.Exists(a)));
}
