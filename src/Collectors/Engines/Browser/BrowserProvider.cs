using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// Headless browsers as engines: Debian's Chromium and Firefox ESR, each with its version read
/// from the binary and probed by a real session (<see cref="BrowserProbe"/>, which also measures
/// the page's timer resolution). Absent browsers are listed as not installed with the apt command.
/// </summary>
public sealed class BrowserProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        foreach (var browser in HeadlessBrowser.Known)
        {
            if (!File.Exists(browser.Binary))
            {
                yield return Unavailable(browser, "*", EngineStatus.NotInstalled, $"{browser.Binary} not found: apt-get install {browser.Package}");
                continue;
            }
            if (BrowserSession.Node is null)
            {
                yield return Unavailable(browser, "*", EngineStatus.NotInstalled, "node not on PATH (it serves the page): apt-get install nodejs");
                continue;
            }
            var version = browser.ReadVersion(out var why);
            if (version is null)
            {
                yield return Unavailable(browser, "", EngineStatus.Broken, why);
                continue;
            }
            var probe = BrowserProbe.Run(env, browser, version, out why);
            yield return probe is null
                ? Unavailable(browser, version, EngineStatus.Broken, why)
                : new BrowserEngine(env, browser, version, probe.TimerResolutionNs);
        }
    }

    private static UnavailableEngine Unavailable(HeadlessBrowser b, string version, EngineStatus status, string reason) => new(new EngineDescriptor
    {
        Id = version is "" or "*" ? $"{b.Family}/{(version == "*" ? "*" : BrowserEngine.Tier)}" : $"{b.Family}-{version}/{BrowserEngine.Tier}",
        Family = b.Family, Version = version == "*" ? "" : version, Tier = BrowserEngine.Tier,
        Source = $"{b.Package} ({b.Binary})", Status = status, Reason = reason,
    });
}
