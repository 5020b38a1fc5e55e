using System.Text.Json;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// Whether a browser really runs a module here, and the resolution of performance.now() its
/// cross-origin isolated page gets (the smallest non-zero step, measured in the page): one real
/// session with a module that exports an empty run(). A success is remembered per browser
/// version in the engine cache (a browser start costs seconds); a failure is probed again next time.
/// </summary>
public static class BrowserProbe
{
    /// <summary>(module (func (export "run"))): the smallest module the benchmark page runs.</summary>
    private static readonly byte[] EmptyRun =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
        0x03, 0x02, 0x01, 0x00,
        0x07, 0x07, 0x01, 0x03, (byte)'r', (byte)'u', (byte)'n', 0x00, 0x00,
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
    ];

    public sealed record Result(long TimerResolutionNs, bool CrossOriginIsolated);

    public static Result? Run(EngineEnvironment env, HeadlessBrowser browser, string version, out string reason)
    {
        var cache = Path.Combine(env.EffectiveCacheDirectory, "browser-probe", $"{browser.Family}-{version}.json");
        try
        {
            if (File.Exists(cache) && JsonSerializer.Deserialize<Result>(File.ReadAllText(cache)) is { } known)
            {
                reason = "";
                return known;
            }
        }
        catch (JsonException) { /* a damaged cache entry is probed again */ }

        var dir = Directory.CreateTempSubdirectory("observatory-browser-probe-").FullName;
        try
        {
            var wasm = Path.Combine(dir, "probe.wasm");
            File.WriteAllBytes(wasm, EmptyRun);
            var engine = new BrowserEngine(env, browser, version, null);
            var inv = new EngineInvocation { ArtifactPath = wasm, ScratchDirectory = Path.Combine(dir, "scratch"), Timeout = TimeSpan.FromSeconds(90) };
            var (r, said) = engine.RunSession(inv);
            var it = r.Iterations[0];
            var (res, isolated) = BrowserSession.Closing(said);
            if (it.Outcome != Outcome.Ok || res is null)
            {
                reason = $"a headless {browser.Family} session did not run an empty module: {it.Outcome}: {it.Message}";
                return null;
            }
            var result = new Result(res.Value, isolated == true);
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            File.WriteAllText(cache, JsonSerializer.Serialize(result));
            reason = "";
            return result;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
