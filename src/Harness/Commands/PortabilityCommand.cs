using System.Diagnostics;
using System.Globalization;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.Native;
using Observatory.Core.Engines;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;
using Observatory.Harness.Exporters;
using Observatory.Harness.Portability;
using Observatory.Harness.Running;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// The portability matrix: the corpus once per ISA and engine (foreign ISAs under qemu-user), each output
/// judged against the x86_64 reference, stored in the portability table and printed.
/// </summary>
public sealed class PortabilityCommand
{
    public const string DefaultEngines = "native*,node-*/default,wasmtime-*-aarch64/cranelift";

    public int Execute(PortabilitySettings settings, CommandContext context)
    {
        var log = settings.Json ? context.Error : context.Out;
        var clock = Stopwatch.StartNew();
        if (settings.TimeoutSeconds is <= 0) throw new UsageException($"--timeout {settings.TimeoutSeconds}: give a positive number of seconds");
        var timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds ?? 20);
        var profile = RunProfile.Parse(settings.Profile ?? "quick");
        var jobs = settings.Jobs ?? 2;
        if (jobs < 1) throw new UsageException($"--jobs {jobs}: give at least 1");
        var isas = ArchOption.Parse(settings.Arch) ?? ["all"];
        using (ObservatoryStore.Open(settings.Database)) { }
        SandboxGate.Apply(noSandbox: false, untrusted: null, log);

        var env = context.EngineEnvironment;
        var pattern = settings.Engines ?? DefaultEngines;
        var discovered = EngineCatalog.Discover(env);
        var native = discovered.FirstOrDefault(e => e.Descriptor.IsNativeBaseline && e.Descriptor.Status == EngineStatus.Ready);
        // Workloads without a native build (AssemblyScript, prebuilt modules) are judged against one x86_64 wasm engine.
        var wasmReference = discovered.Where(e => e.Descriptor.Status == EngineStatus.Ready && !e.Descriptor.Emulated && !e.Descriptor.IsNative)
            .FirstOrDefault(e => Glob.Matches("wasmtime-*/cranelift", e.Descriptor.Id))
            ?? discovered.FirstOrDefault(e => e.Descriptor.Status == EngineStatus.Ready && !e.Descriptor.Emulated && Glob.Matches("node-*/default", e.Descriptor.Id));
        var columns = new List<PortabilityPlan.IsaEngines>();
        foreach (var isa in InstructionSet.Known.Where(i => isas.Contains("all") || isas.Contains(i)))
        {
            var engines = discovered.Where(e => e.Descriptor.Isa == isa && Glob.Matches(pattern, e.Descriptor.Id)).ToList();
            foreach (var e in engines.Where(e => e.Descriptor.Status != EngineStatus.Ready))
                log.WriteLine($"{isa}: {e.Descriptor.Id} {e.Descriptor.Status.ToWire()}: {e.Descriptor.Reason}");
            var ready = engines.Where(e => e.Descriptor.Status == EngineStatus.Ready).ToList();
            var foreign = ForeignIsa.Named(isa);
            string? crossProblem = null;
            if (foreign is not null && Glob.Matches(pattern, $"native-{isa}"))
            {
                var qemu = QemuUser.Find(foreign, out var why);
                crossProblem = qemu is null ? why : CrossCompiler.Missing(foreign);
                if (qemu is not null && crossProblem is null) ready.Add(new CrossNativeEngine(qemu, native?.Descriptor.Version ?? NativeProvider.Compiler));
                else log.WriteLine($"{isa}: native-{isa} not installed: {crossProblem}");
            }
            columns.Add(new PortabilityPlan.IsaEngines(isa, foreign, ready, crossProblem));
        }
        if (columns.All(c => c.Engines.Count == 0))
            throw new UsageException($"no ready engine matches --engines '{pattern}' on {string.Join(", ", isas)} (see `observatory runtimes --arch all`)");

        var toolchain = new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain"));
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, toolchain, log, context.RepositoryRoot);
        var artifacts = builder.BuildAll(BuildCommand.LoadWorkloads(settings.Selection, context), settings.Selection.Variants)
            .Where(a => a.Workload.Name != RunCommand.OverheadWorkload).ToList();
        foreach (var failed in artifacts.Where(a => !a.Ok))
            log.WriteLine($"not running {failed.Key}: build failed: {failed.Error!.Split('\n').Last()}");
        var ok = artifacts.Where(a => a.Ok).ToList();
        if (ok.Count == 0) throw new CommandFailedException("no workload built; nothing to run");

        var runId = "portability-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        log.WriteLine($"portability {runId}: {ok.Count} workload variants x {columns.Sum(c => c.Engines.Count)} engines on {string.Join(", ", columns.Select(c => $"{c.Isa} ({c.Engines.Count})"))}; "
                      + $"reference native{(wasmReference is null ? "" : $", else {wasmReference.Descriptor.Id}")}; {jobs} at a time");
        var plan = new PortabilityPlan(ok, native, wasmReference, columns);
        var rows = new PortabilityRunner(profile, context.ScratchDirectoryFor(settings.Database), builder, log, jobs, timeout).Run(runId, plan);
        using (var store = ObservatoryStore.Open(settings.Database)) PortabilityStore.Save(store, rows);
        clock.Stop();
        var summary = new PortabilitySummary(runId, rows, clock.Elapsed);
        if (settings.Json) context.Out.WriteLine(summary.ToJson());
        else summary.Write(context.Out);
        return 0;
    }
}
