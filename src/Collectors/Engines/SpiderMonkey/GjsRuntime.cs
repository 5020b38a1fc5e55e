using System.Text.RegularExpressions;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.SpiderMonkey;

/// <summary>
/// Debian's gjs (GNOME's JavaScript host over SpiderMonkey): where it is and which versions
/// it reports, gjs's own (<c>gjs --version</c>: "gjs 1.74.2") and its mozjs's
/// (<c>gjs --jsversion</c>: "JavaScript-C102.15.1"). Shared by the benchmark and spec engines.
/// </summary>
public sealed record GjsRuntime(string Binary, string Version, string MozjsVersion)
{
    public const string Family = "gjs";
    public const string InstallHint = "apt-get install gjs";

    /// <summary>gjs on PATH, probed; null with the reason when it is missing or does not answer.</summary>
    public static GjsRuntime? Find(out string reason)
    {
        var binary = PathLookup.Find("gjs");
        if (binary is null)
        {
            reason = $"gjs not on PATH: {InstallHint}";
            return null;
        }
        var version = Ask(binary, "--version", @"^gjs (\d+\.\d+\.\d+)", out reason);
        if (version is null) return null;
        var mozjs = Ask(binary, "--jsversion", @"^JavaScript-C(\d+\.\d+(\.\d+)?)", out reason);
        return mozjs is null ? null : new GjsRuntime(binary, version, mozjs);
    }

    private static string? Ask(string binary, string option, string pattern, out string reason)
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = binary, Arguments = [option], Timeout = TimeSpan.FromSeconds(20) });
        var m = Regex.Match(r.Stdout.Trim(), pattern);
        if (r.ExitCode != 0 || !m.Success)
        {
            var said = (r.Stdout + r.Stderr).Trim();
            reason = $"'{binary} {option}' exited {r.ExitCode} and printed '{(said.Length > 300 ? said[..300] : said)}' (expected '{pattern}')";
            return null;
        }
        reason = "";
        return m.Groups[1].Value;
    }

    /// <summary>The command line that runs a driver module: gjs's -m runs it as an ES module.</summary>
    public IReadOnlyList<string> DriverCommand(string driver, IReadOnlyList<string> driverArgs) => ["-m", driver, .. driverArgs];
}
