using System.Security.Cryptography;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Conformance.Wasi;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// `conformance --suite sandbox`: the escape attempts of conformance/sandbox/*.c (symlinks made by
/// the guest or placed by the host pointing out, '..', absolute paths, hard links, renames across
/// the preopen), each expected to be refused, run on every WASI engine twice: on the engine's own
/// WASI alone (directive <see cref="EngineWasi"/>: what it would do unsandboxed) and inside the OS
/// sandbox (<see cref="OsSandbox"/>: what the observatory lets it do). Stored as suite "sandbox".
/// </summary>
public static class SandboxSuite
{
    public const string EngineWasi = "engine-wasi";
    public const string OsSandbox = "os-sandbox";

    public static ConformanceRun Run(ConformanceSettings settings, CommandContext context, TextWriter log, TimeSpan timeout, int jobs, string scratch)
    {
        if (settings.Testsuite is not null || settings.WasiTestsuite is not null)
            throw new UsageException("--testsuite and --wasi-testsuite do not go with --suite sandbox (its tests are conformance/sandbox/*.c)");
        var dir = Path.Combine(context.RepositoryRoot, "conformance", "sandbox");
        if (!Directory.Exists(dir)) throw new UsageException($"--suite sandbox: {dir} is missing");
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var tests = ConformanceCommand.BuildOwnTests(dir, Path.Combine(context.ResultsDirectory, "conformance", "sandbox-build"), log, hash)
            .Where(t => Glob.Matches(settings.Files, t.Name)).ToList();
        if (tests.Count == 0) throw new UsageException($"no sandbox test matches --files '{settings.Files}'");
        var engines = ConformanceCommand.SelectWasiEngines(context, settings.Engines, log, ArchOption.Parse(settings.Arch));
        log.WriteLine($"sandbox escapes: {tests.Count} programs on {string.Join(", ", engines.Select(e => e.Descriptor.Id))}, engine WASI alone and in the OS sandbox ({Sandbox.Describe()})");

        var started = DateTime.UtcNow;
        var rows = new List<ConformanceRow>();
        void Collect(WasiResult r, string how)
        {
            rows.Add(new ConformanceRow
            {
                File = r.Test.Name, Line = how == EngineWasi ? 0 : 1, Directive = how, Feature = r.Test.Feature, Engine = r.Engine,
                Outcome = r.Outcome.ToWire(), IsAssertion = true, Expected = r.Expected, Actual = r.Actual,
                Message = ConformanceCommand.Trim(r.Message, 2000),
            });
            if (r.Outcome != AssertionOutcome.Pass) log.WriteLine($"  {r.Engine} ({how}): {r.Test.Name}: {r.Outcome.ToWire()}: {r.Message}");
        }
        var wall = EngineWallTime.Measure(engines, e =>
        {
            WasiSuiteRunner.Run(tests, [e], scratch, timeout, jobs, r => Collect(r, EngineWasi), osSandbox: false);
            if (Sandbox.On)
                WasiSuiteRunner.Run(tests, [e], scratch, timeout, jobs, r => Collect(r, OsSandbox), osSandbox: true);
        });
        if (!Sandbox.On)
            foreach (var e in engines)
                foreach (var t in tests)
                    rows.Add(new ConformanceRow
                    {
                        File = t.Name, Line = 1, Directive = OsSandbox, Feature = t.Feature, Engine = e.Descriptor.Id,
                        Outcome = AssertionOutcome.Unsupported.ToWire(), IsAssertion = true, Message = $"sandbox {Sandbox.Describe()}",
                    });
        return new ConformanceRun
        {
            RunId = RunCommand.NewRunId(), Suite = "sandbox", SuiteRoot = dir,
            Revision = "own:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16] + " sandbox:" + Sandbox.Describe(),
            StartedUtc = started, FinishedUtc = DateTime.UtcNow,
            Engines = engines.Select(e => new ConformanceEngineRun(e.Descriptor.Id, e.Descriptor.Version, wall[e], tests.Count, 2 * tests.Count, e.Descriptor.Isa, e.Descriptor.Emulated)).ToList(),
            Rows = rows,
        };
    }
}
