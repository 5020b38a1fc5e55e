using System.Collections.Concurrent;
using Observatory.Collectors.Conformance.Spec;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Engines.Emulation;
using Observatory.Collectors.Engines.WasmtimeC;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Conformance.Engines.WasmtimeC;

/// <summary>
/// Wasmtime through the project's C host as a spec-suite engine, under the benchmark engine's id
/// (<c>wasmtime-50.0.1-aarch64/cranelift</c> under qemu-user; <c>wasmtime-capi-50.0.1/cranelift</c> natively,
/// which the tests use). The host is built on first use, not at discovery. <see cref="SpecRunner"/> runs each
/// script here, as for the in-process Wasmtime, over <see cref="WasmtimeCSpecHost"/>; each parallel worker keeps
/// one host process for all its files (largest first), so an emulated run starts qemu a few times, not once
/// per file (while it stays small: <see cref="MaxResidentKb"/>). A host that dies or misses the file's deadline (scaled under emulation) costs the directive it was
/// on: a fresh process runs the file again without it, as the in-process workers do.
/// </summary>
public sealed class WasmtimeCSpecEngine : ISpecSuiteEngine
{
    private const int MaxRestartsPerFile = 8;
    private const int StackBytes = 16 << 20; // the text-to-binary converter recurses on deeply nested module text

    /// <summary>
    /// A host is replaced after a file that leaves it bigger than this. qemu-user 7.2 keeps its page-flag tables for
    /// every guest mapping ever made (about 25 MB for each 6 GiB reservation Wasmtime makes per linear memory) after
    /// the guest unmaps it: one emulated process grew to 24 GB over 1000 instances, where the native host stays at 13 MB.
    /// Starting a host costs about 0.2 s under qemu, so files still share processes.
    /// </summary>
    public long MaxResidentKb { get; init; } = 512 * 1024;

    private readonly Lazy<IEngine> _engine;
    private int _processes;

    public WasmtimeCSpecEngine(EngineEnvironment env, string isa)
    {
        Isa = isa;
        var descriptor = WasmtimeCEngine.DescriptorFor(isa, isa != InstructionSet.Host);
        Id = descriptor.Id;
        Version = descriptor.Version;
        _engine = new Lazy<IEngine>(() => WasmtimeCProvider.For(env, isa));
    }

    /// <summary>The spec engines of the registry: Wasmtime on aarch64 (emulated here, native on an arm64 machine).</summary>
    public static IEnumerable<ISpecSuiteEngine> Discover(EngineEnvironment env) => [new WasmtimeCSpecEngine(env, InstructionSet.Arm64)];

    public string Id { get; }
    public string Version { get; }
    public string Isa { get; }

    /// <summary>Host processes started so far (tests check that files share them).</summary>
    public int ProcessesStarted => Volatile.Read(ref _processes);

    public string? UnavailableReason =>
        _engine.Value is WasmtimeCEngine ? null : $"{_engine.Value.Descriptor.Status.ToWire()}: {_engine.Value.Descriptor.Reason}";

    private WasmtimeCEngine Engine => _engine.Value as WasmtimeCEngine ?? throw new InvalidOperationException($"{Id} cannot run: {UnavailableReason}");

    public void Run(IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile)
    {
        var engine = Engine;
        var queue = new ConcurrentQueue<SpecFile>(files.OrderByDescending(f => f.Bytes).ThenBy(f => f.RelativePath, StringComparer.Ordinal));
        var gate = new object();
        var threads = Enumerable.Range(0, Math.Max(1, Math.Min(options.Parallelism, files.Count))).Select(_ => new Thread(() =>
        {
            WasmtimeCSpecProcess? process = null;
            try
            {
                while (queue.TryDequeue(out var file))
                {
                    FileResult result;
                    using (ProcessSlots.Hold(options.Slots))
                    {
                        result = RunFile(engine, ref process, file, options);
                        process?.SampleCpu();
                    }
                    if (process is not null && process.ResidentKb() > MaxResidentKb)
                    {
                        process.Dispose();
                        process = null;
                    }
                    lock (gate) onFile(result);
                }
            }
            finally
            {
                process?.Dispose();
            }
        }, StackBytes)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    private FileResult RunFile(WasmtimeCEngine engine, ref WasmtimeCSpecProcess? process, SpecFile file, SpecRunOptions options)
    {
        var (script, failure) = SpecFiles.Parse(file);
        if (script is null) return failure!;
        var timeout = options.FileTimeout * engine.TimeoutScale;
        var results = new Dictionary<int, AssertionResult>();
        var skip = new HashSet<int>();
        string? fileError = null;
        for (var attempt = 0; ; attempt++)
        {
            var kept = script with { Directives = script.Directives.Where(d => !skip.Contains(d.Index)).ToList() };
            var reported = new HashSet<int>();
            try
            {
                process ??= Start(engine);
                var host = new WasmtimeCSpecHost(process) { Deadline = DateTime.UtcNow + timeout };
                new SpecRunner(host).Run(kept, r =>
                {
                    results[r.Index] = r;
                    reported.Add(r.Index);
                });
                break;
            }
            catch (HostLostException lost)
            {
                process?.Dispose();
                process = null;
                var culprit = kept.Directives.FirstOrDefault(d => !reported.Contains(d.Index));
                if (culprit is null) break;
                var message = lost.TimedOut
                    ? $"no result within {timeout.TotalSeconds:0.#} s; the host was killed" + (engine.TimeoutScale > 1 ? " " + QemuUser.TimeoutNote : "")
                    : lost.Message;
                results[culprit.Index] = SpecFiles.Missing(culprit, lost.TimedOut ? AssertionOutcome.Timeout : AssertionOutcome.Crash, message);
                skip.Add(culprit.Index);
                if (attempt >= MaxRestartsPerFile)
                {
                    foreach (var d in script.Directives.Where(d => !results.ContainsKey(d.Index)))
                        results[d.Index] = SpecFiles.Missing(d, AssertionOutcome.Error, $"not run: the host failed {MaxRestartsPerFile + 1} times in this file");
                    break;
                }
            }
            catch (SpecFailure f)
            {
                // The host refused to start a script (its reset or the spectest module): nothing in the file ran.
                fileError = $"the host could not start the script: {f.Message}";
                break;
            }
        }
        foreach (var d in script.Directives.Where(d => !results.ContainsKey(d.Index)))
            results[d.Index] = SpecFiles.Missing(d, AssertionOutcome.Error, fileError ?? "the host reported no result");
        return new FileResult(file, script.Directives.Select(d => results[d.Index]).ToList(), fileError);
    }

    private WasmtimeCSpecProcess Start(WasmtimeCEngine engine)
    {
        Interlocked.Increment(ref _processes);
        return new WasmtimeCSpecProcess(engine.SpecHostProcess());
    }
}
