using System.Text.RegularExpressions;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.RuntimeCli;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Conformance.Engines;

/// <summary>
/// A runtime CLI's own .wast runner (<c>wasmtime wast FILE</c>, binaryen's <c>wasm-shell FILE</c>, any
/// <c>wast = [...]</c> of a [[cli]] entry) as a spec-suite engine, under the CLI engine's id. Each file
/// is one process, in an empty working directory of its own, and one result: pass when the tool exits 0,
/// fail otherwise (with the tail of what it said), timeout or crash. Such a tool stops at its first
/// failing directive and says nothing portable about the others, so the unit is the file; when the tool
/// prints "N/M ... passed" the message carries its own directive count.
/// </summary>
public sealed partial class CliWastSpecEngine(RuntimeCliEngine engine) : ISpecSuiteEngine
{
    public string Id => engine.Descriptor.Id;
    public string Version => engine.Descriptor.Version;
    public string? UnavailableReason => null;

    /// <summary>A spec engine for every runtime CLI definition with a wast runner: ready ones run, the rest are listed with why.</summary>
    public static IEnumerable<ISpecSuiteEngine> Discover(EngineEnvironment env)
    {
        foreach (var d in RuntimeCliProvider.Definitions(env).Where(d => d.Wast is not null))
        {
            var e = RuntimeCliProvider.Probe(env, d);
            yield return e is RuntimeCliEngine cli ? new CliWastSpecEngine(cli) : new UnavailableSpecEngine(e.Descriptor.Id, $"{e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
        }
    }

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile) =>
        ParallelFiles.Run(files, options.Parallelism, f => RunFile(f, options), onFile);

    // "12/15 tests passed", "2/2 CHECKING": a tool's own count of directives, when it prints one.
    [GeneratedRegex(@"(\d+)/(\d+)\s+(?:tests? passed|CHECKING)")]
    private static partial Regex OwnCount();

    private FileResult RunFile(SpecFile file, SpecRunOptions options)
    {
        var cwd = Path.Combine(options.ScratchDirectory, "cli-wast", Core.Naming.PathName.ForEngine(Id), Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(cwd);
        try
        {
            var wast = Path.GetFullPath(file.Path);
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = engine.Command,
                Arguments = engine.Definition.Wast!.Select(t => t.Replace("{file}", wast)).ToList(),
                WorkingDirectory = cwd,
                Timeout = options.FileTimeout,
                Sandbox = new SandboxMounts { ReadOnly = [wast, .. EngineSandbox.InstallOf(engine.Command)], Writable = [cwd] },
            });
            var said = (r.Stdout + "\n" + r.Stderr).Trim();
            var counts = OwnCount().Matches(said);
            var own = counts.Count > 0 ? $" ({engine.Definition.Name} reached directive {counts[^1].Groups[1].Value} of {counts[^1].Groups[2].Value})" : "";
            var (outcome, message) =
                r.TimedOut ? (AssertionOutcome.Timeout, $"{engine.Definition.Name} gave no answer within {options.FileTimeout.TotalSeconds:0} s")
                : r.ExitCode == 0 ? (AssertionOutcome.Pass, (string?)null)
                : r.KilledBySignal || r.ExitCode == 127 ? (AssertionOutcome.Crash, $"{engine.Definition.Name} exited with code {r.ExitCode}{own}: {Tail(said)}")
                : (AssertionOutcome.Fail, $"{engine.Definition.Name} exited with code {r.ExitCode}{own}: {Tail(said)}");
            return new FileResult(file, [new AssertionResult { Index = 0, Line = 1, Directive = "wast-file", IsAssertion = true, Outcome = outcome, Message = message }]);
        }
        finally
        {
            try { Directory.Delete(cwd, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string Tail(string s)
    {
        var lines = s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tail = string.Join(" | ", lines.TakeLast(3));
        return tail.Length > 400 ? tail[^400..] : tail;
    }
}
