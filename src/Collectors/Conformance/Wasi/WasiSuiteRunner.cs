using System.Collections.Concurrent;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Conformance.Wasi;

public sealed record WasiResult(WasiTestCase Test, string Engine, AssertionOutcome Outcome, string Expected, string Actual, string? Message);

/// <summary>
/// Runs WASI tests on engines through the ordinary engine contract (IEngine.Run): each
/// test gets fresh copies of its directories as preopens, and passes when its exit code
/// and (when the sidecar gives them) stdout and stderr match exactly.
/// </summary>
public static class WasiSuiteRunner
{
    /// <param name="osSandbox">False runs every test outside the OS sandbox: the engine's own WASI is then the only boundary.</param>
    public static void Run(IReadOnlyList<WasiTestCase> tests, IReadOnlyList<IEngine> engines, string scratch, TimeSpan timeout, int parallelism, Action<WasiResult> onResult, bool osSandbox = true)
    {
        var work = new ConcurrentQueue<(WasiTestCase, IEngine)>(from e in engines from t in tests select (t, e));
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, parallelism)).Select(i => new Thread(() =>
        {
            while (work.TryDequeue(out var item))
            {
                var r = RunOne(item.Item1, item.Item2, scratch, timeout, osSandbox);
                lock (gate) onResult(r);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    public static WasiResult RunOne(WasiTestCase test, IEngine engine, string scratch, TimeSpan timeout, bool osSandbox = true)
    {
        var id = engine.Descriptor.Id;
        var expected = test.Trap ? "trap" + (test.Stdout is null ? "" : $", stdout {Quote(test.Stdout)}") : Describe(test.ExitCode, test.Stdout);
        if (!File.Exists(test.SidecarPath) && test.Stdout is null && test.ExitCode == 0 && !File.Exists(test.WasmPath))
            return new WasiResult(test, id, AssertionOutcome.Error, expected, "", $"{test.WasmPath} not found");
        var name = Path.Combine(Core.Naming.PathName.ForEngine(id), Safe(test.Name) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var dir = Path.Combine(scratch, name);
        var fsRoot = Path.Combine(CopyRoot(engine.Descriptor) ?? scratch, name, "fs");
        try
        {
            Directory.CreateDirectory(dir);
            var preopens = new List<DirectoryMapping>();
            var k = 0;
            foreach (var (host, guest) in test.Dirs)
            {
                var copy = Path.Combine(fsRoot, $"{k++}-{Path.GetFileName(host.TrimEnd('/'))}");
                CopyTree(host, copy);
                preopens.Add(new DirectoryMapping(copy, guest));
            }
            var outDir = Path.Combine(dir, "out");
            var invocation = new EngineInvocation
            {
                ArtifactPath = test.WasmPath,
                Args = test.Args,
                Environment = test.Environment,
                Preopens = preopens,
                ScratchDirectory = outDir,
                Timeout = timeout,
                ProgramName = Path.GetFileName(test.WasmPath),
                OsSandbox = osSandbox,
            };
            // A test whose arguments, environment or directories the engine cannot hand over is not run: unsupported, with why.
            if (engine is IInvocationLimits limits && limits.CannotExpress(invocation, directoriesNeeded: true) is { } cannot)
                return new WasiResult(test, id, AssertionOutcome.Unsupported, expected, "unsupported", cannot);
            var result = engine.Run(invocation);
            var it = result.Iterations.FirstOrDefault();
            if (it is null) return new WasiResult(test, id, AssertionOutcome.Error, expected, "", result.FailureMessage);
            var stdout = it.StdoutPath is not null && File.Exists(it.StdoutPath) ? File.ReadAllText(it.StdoutPath) : "";
            var stderrPath = Path.Combine(outDir, $"stderr-{it.Iteration}.txt");
            var stderr = File.Exists(stderrPath) ? File.ReadAllText(stderrPath) : "";
            var actual = Describe(it.ExitCode ?? 0, stdout);
            switch (it.Outcome)
            {
                case Outcome.Timeout: return new WasiResult(test, id, AssertionOutcome.Timeout, expected, "timeout", it.Message);
                case Outcome.Crash: return new WasiResult(test, id, AssertionOutcome.Crash, expected, "crash", it.Message);
                case Outcome.Unsupported: return new WasiResult(test, id, AssertionOutcome.Unsupported, expected, "unsupported", it.Message);
                case Outcome.Trap when !test.Trap: return new WasiResult(test, id, AssertionOutcome.Fail, expected, "trap", it.Message);
            }
            var problems = new List<string>();
            if (test.Trap && it.Outcome != Outcome.Trap) problems.Add($"no trap (exit code {it.ExitCode ?? 0})");
            else if (test.Trap) actual = "trap" + (test.Stdout is null ? "" : $", stdout {Quote(stdout)}");
            else if ((it.ExitCode ?? 0) != test.ExitCode) problems.Add($"exit code {it.ExitCode ?? 0}, expected {test.ExitCode}");
            if (test.Stdout is not null && stdout != test.Stdout) problems.Add($"stdout differs: got {Quote(stdout)}");
            if (test.Stderr is not null && stderr != test.Stderr) problems.Add($"stderr differs: got {Quote(stderr)}");
            return new WasiResult(test, id, problems.Count == 0 ? AssertionOutcome.Pass : AssertionOutcome.Fail, expected, actual,
                problems.Count == 0 ? null : string.Join("; ", problems) + (stderr.Length > 0 && test.Stderr is null ? $" (stderr: {Quote(stderr)})" : ""));
        }
        finally
        {
            foreach (var d in new[] { dir, Path.GetDirectoryName(fsRoot)! }.Distinct())
                try { if (Directory.Exists(d)) Directory.Delete(d, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Where an engine's test directories are copied: null for the scratch directory, /dev/shm/observatory-wasi for a
    /// 32-bit ISA under qemu-user. There the host kernel serves ext4 directories to qemu, a 64-bit process, with 64-bit
    /// hash cookies (d_off); the guest's 32-bit glibc telldir() truncates them to a long (most turn negative) and
    /// uvwasi's fd_readdir (Node's node:wasi) then drops those entries: armv7l listed one file of three. A real armv7
    /// kernel gives 32-bit processes 32-bit hashes, and tmpfs numbers entries 1, 2, 3, ...: on tmpfs the guest sees
    /// what the hardware would show it.
    /// </summary>
    private static string? CopyRoot(Core.Engines.EngineDescriptor d)
    {
        const string tmpfs = "/dev/shm";
        if (!d.Emulated || d.Isa != Core.Engines.InstructionSet.Armv7 || !Directory.Exists(tmpfs)) return null;
        return Path.Combine(tmpfs, "observatory-wasi");
    }

    private static string Describe(int exit, string? stdout) =>
        $"exit {exit}" + (stdout is null ? "" : $", stdout {Quote(stdout)}");

    private static string Quote(string s)
    {
        var t = s.Replace("\n", "\\n");
        return "\"" + (t.Length > 120 ? t[..117] + "..." : t) + "\"";
    }

    private static string Safe(string s) => string.Concat(s.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));

    /// <summary>Copies a directory tree, keeping symlinks as symlinks (tests read them back with readlink).</summary>
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var entry in new DirectoryInfo(from).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(to, entry.Name);
            if (entry.LinkTarget is not null)
            {
                if (entry is DirectoryInfo) Directory.CreateSymbolicLink(target, entry.LinkTarget);
                else File.CreateSymbolicLink(target, entry.LinkTarget);
            }
            else if (entry is DirectoryInfo d) CopyTree(d.FullName, target);
            else File.Copy(entry.FullName, target);
        }
    }
}
