using Observatory.Collectors.Processes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// WebAssembly in a headless browser (Chromium's V8, Firefox's SpiderMonkey), driven like every
/// out-of-process engine but through a page: <c>drivers/browser-bench.html</c> runs the iterations
/// on the shared WASI shim over an in-memory file system and POSTs each one back to
/// <c>drivers/browser-server.mjs</c>, which prints them as driver-protocol lines. The harness
/// hashes the stdout files itself. Id <c>FAMILY-VERSION/default</c>.
/// </summary>
public sealed class BrowserEngine(EngineEnvironment env, HeadlessBrowser browser, string version, long? timerResolutionNs) : IEngine
{
    public HeadlessBrowser Browser { get; } = browser;

    public const string Tier = "default";

    public EngineDescriptor Descriptor { get; } = new()
    {
        Id = $"{browser.Family}-{version}/{Tier}",
        Family = browser.Family,
        Version = version,
        Tier = Tier,
        Flags = ["headless", "wasi=js shim (in-memory fs)", "coop+coep",
                 timerResolutionNs is { } res ? $"timer-resolution={res / 1000.0:0.###}us" : "timer-resolution=unknown", "cpu-time=none"],
        Source = $"{browser.Package} ({browser.Binary})",
        Status = EngineStatus.Ready,
    };

    public ProcessResult Run(EngineInvocation inv, CancellationToken cancellationToken = default) => RunSession(inv, cancellationToken).Result;

    /// <summary>The invocation's result and what the server printed (the page's closing @browser line included).</summary>
    internal (ProcessResult Result, string ServerStdout) RunSession(EngineInvocation inv, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(inv.ScratchDirectory);
        var job = new BrowserJob
        {
            Entry = "browser-bench.html",
            Wasm = Path.GetFullPath(inv.ArtifactPath),
            Stdin = inv.StdinPath is null ? null : Path.GetFullPath(inv.StdinPath),
            Preopens = inv.Preopens.Select(d => new BrowserPreopen(Path.GetFullPath(d.Host), d.Guest)).ToList(),
            Page = new BenchPage(inv.Iterations, inv.ProgramName, inv.Args, inv.Environment, inv.Preopens.Select(d => d.Guest).ToList(), inv.Requests),
        };
        var r = BrowserSession.Run(Browser, env, inv.ScratchDirectory, job, EngineSandbox.For(inv, env), inv.Timeout, cancellationToken);
        var reported = DriverProtocol.Parse(r.Stdout).Iterations.Select(Hashed).ToList();
        return (DriverEngine.Complete(inv, r, reported, r.PeakRssKb), r.Stdout);
    }

    // The page sends the guest's stdout; its hash is the harness's to compute.
    private static IterationResult Hashed(IterationResult it) =>
        it.StdoutPath is { } p && File.Exists(p) ? it with { StdoutSha256 = Sha256File.Of(p) } : it;
}
