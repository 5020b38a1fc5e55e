using Observatory.Collectors.Engines;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Tests.Support;

namespace Observatory.Tests.Measurement;

/// <summary>Real engines, a real temp corpus and an in-process CLI for the measurement tests.</summary>
public static class MeasurementFixture
{
    public static IReadOnlyList<IEngine> Engines(params string[] ids)
    {
        var all = EngineCatalog.Discover(new EngineEnvironment { RepositoryRoot = Repo.Root });
        // Host-ISA engines only, as run selects them without --arch (emulated node-20.11.0-s390x is also "node-20*").
        var chosen = all.Where(e => !e.Descriptor.Emulated && ids.Any(id => Glob.Matches(id, e.Descriptor.Id))).ToList();
        Assert.All(chosen, e => Assert.Equal(EngineStatus.Ready, e.Descriptor.Status));
        Assert.Equal(ids.Length, chosen.Count);
        return chosen;
    }

    public static IEngine Native => Engines("native").Single();

    public static IEngine Wasmtime => Engines("wasmtime-50.0.1/cranelift").Single();

    public static BuildArtifact Build(TempDirectory dir, string name, string source, string args)
    {
        var corpus = Directory.Exists(dir.Combine("workloads")) ? dir.Combine("workloads") : TestWorkloads.NewCorpus(dir);
        var w = TestWorkloads.Add(corpus, name, source, args);
        var a = new WorkloadBuilder(dir.Combine("artifacts"), new Toolchain(dir.Combine("toolchain")), TextWriter.Null).BuildAll([w]).Single();
        Assert.True(a.Ok, a.Error);
        return a;
    }

    /// <summary>A repository-shaped temp root: workloads/ with bench.h and the real noop workload, so `run` measures overhead.</summary>
    public static string NewRepository(TempDirectory dir, string corpusName = "workloads")
    {
        var corpus = dir.Combine(corpusName);
        Directory.CreateDirectory(corpus);
        File.Copy(Path.Combine(Repo.Workloads, "bench.h"), Path.Combine(corpus, "bench.h"), overwrite: true);
        var noop = Path.Combine(corpus, "noop");
        Directory.CreateDirectory(noop);
        foreach (var f in Directory.GetFiles(Path.Combine(Repo.Workloads, "noop")))
            File.Copy(f, Path.Combine(noop, Path.GetFileName(f)), overwrite: true);
        return dir.Path;
    }

    public sealed record CliResult(int ExitCode, string Out, string Error);

    /// <summary>Runs the observatory CLI in-process against a repository root.</summary>
    public static CliResult Cli(string repositoryRoot, params string[] args) => Cli(repositoryRoot, Environment.GetEnvironmentVariable, args);

    /// <summary>The same, with the environment variables the commands see (the test's own, not the process's).</summary>
    public static CliResult Cli(string repositoryRoot, Func<string, string?> environment, params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, new CommandContext { RepositoryRoot = repositoryRoot, Out = o, Error = e, GetEnvironmentVariable = environment });
        return new CliResult(code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// Runs the built observatory CLI as its own process, as a user would: measurements are
    /// then not disturbed by other tests starting processes in this test host.
    /// </summary>
    public static CliResult CliProcess(string repositoryRoot, params string[] args)
    {
        var r = Observatory.Collectors.Processes.ChildProcess.Run(new Observatory.Collectors.Processes.ChildProcessSpec
        {
            FileName = Observatory.Collectors.Processes.DotnetHost.Path,
            Arguments = [Path.Combine(AppContext.BaseDirectory, "observatory.dll"), .. args],
            Environment = new Dictionary<string, string> { ["OBSERVATORY_ROOT"] = repositoryRoot },
            Timeout = TimeSpan.FromMinutes(5),
        });
        return new CliResult(r.ExitCode, r.Stdout, r.Stderr);
    }

    /// <summary>
    /// Sums 1..n in the bench region; the work is linear in n. 64-bit on every target
    /// (wasm32's long is 32 bits, so a long sum would print a wrapped value there).
    /// </summary>
    public const string Sum = """
        #include <stdio.h>
        #include <stdlib.h>
        #include "../bench.h"
        int main(int argc, char **argv) {
            long long n = argc > 1 ? atoll(argv[1]) : 1000;
            volatile unsigned long long s = 0;
            bench_start();
            for (long long i = 1; i <= n; i++) s += (unsigned long long)i;
            bench_end();
            printf("sum %llu\n", (unsigned long long)s);
            return 0;
        }
        """;
}

/// <summary>
/// Measurement tests that start engine processes run one at a time: native CPU time comes
/// from the kernel's account of reaped children, which processes started by a parallel
/// test in the same test host would inflate.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MeasurementProcesses
{
    public const string Name = "measurement processes";
}
