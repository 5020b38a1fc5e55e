using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// One browser session: the system Node running <c>drivers/browser-server.mjs</c>, which serves
/// the page on the sandbox's own loopback and starts the browser as its child, both inside one
/// bubblewrap sandbox (no host network: the server is unreachable from outside and the browser
/// reaches nothing else). The profile is fresh in the scratch. A timeout kills the whole tree
/// (bwrap, server, every browser process); the server kills the browser's process group itself
/// when the page is done or the browser dies.
/// </summary>
public static class BrowserSession
{
    public const string ServerScript = "browser-server.mjs";

    /// <summary>The Node that runs the server: the system one (no npm runtime needed).</summary>
    public static string? Node => PathLookup.Find("node");

    /// <summary>Where a session keeps its profile: a path the no-leftover test looks for in process command lines.</summary>
    public static string ProfileOf(string scratch) => Path.Combine(scratch, "browser-profile");

    public static ChildProcessResult Run(HeadlessBrowser browser, EngineEnvironment env, string scratch, BrowserJob job, SandboxMounts mounts, TimeSpan timeout,
        CancellationToken ct = default)
    {
        Directory.CreateDirectory(scratch);
        var profile = ProfileOf(scratch);
        browser.PrepareProfile(profile);
        var home = Path.Combine(scratch, "browser-home");
        Directory.CreateDirectory(home);
        job = job with
        {
            Drivers = env.DriverDirectory, Scratch = scratch, Browser = browser.Binary,
            BrowserArgs = browser.Arguments(profile), BrowserEnv = browser.Environment(home),
        };
        var jobFile = job.Write(Path.Combine(scratch, "browser-job.json"));
        return ChildProcess.Run(new ChildProcessSpec
        {
            FileName = Node ?? "node",
            Arguments = [Path.Combine(env.DriverDirectory, ServerScript), jobFile],
            WorkingDirectory = scratch,
            Timeout = timeout,
            Sandbox = mounts.WithReadOnly([env.DriverDirectory, .. browser.SystemFiles]) with { Writable = [.. mounts.Writable, scratch] },
        }, ct);
    }

    /// <summary>The page's closing report (<c>@browser {...}</c>): the timer resolution it measured, whether it was cross-origin isolated.</summary>
    public static (long? TimerResolutionNs, bool? Isolated) Closing(string stdout)
    {
        foreach (var line in stdout.Split('\n'))
        {
            if (!line.StartsWith("@browser ", StringComparison.Ordinal)) continue;
            try
            {
                var o = System.Text.Json.Nodes.JsonNode.Parse(line["@browser ".Length..])!.AsObject();
                return ((long?)o["timerResolutionNs"], (bool?)o["crossOriginIsolated"]);
            }
            catch (System.Text.Json.JsonException) { }
        }
        return (null, null);
    }
}
