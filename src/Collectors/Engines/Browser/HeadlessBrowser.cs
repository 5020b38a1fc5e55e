using System.Text.RegularExpressions;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Engines.Browser;

/// <summary>
/// A headless browser the harness can drive: where its binary is, how to read its version, how
/// to start it on a URL with a fresh profile, and which of the host's configuration files it
/// needs inside the sandbox. Chromium and Firefox ESR, as Debian installs them.
/// </summary>
public sealed record HeadlessBrowser(string Family, string Binary, string Package, IReadOnlyList<string> SystemFiles)
{
    public static HeadlessBrowser Chromium { get; } = new("chromium", "/usr/bin/chromium", "chromium",
        // The Debian launcher script sources /etc/chromium.d/*; fontconfig reads /etc/fonts.
        ["/etc/chromium.d", "/etc/chromium", "/etc/fonts"]);

    public static HeadlessBrowser Firefox { get; } = new("firefox", "/usr/bin/firefox-esr", "firefox-esr", ["/etc/firefox-esr", "/etc/fonts"]);

    public static IReadOnlyList<HeadlessBrowser> Known { get; } = [Chromium, Firefox];

    /// <summary>The browser's version as it prints it (156.0.8078.108, 153.8.0esr), or null with the reason.</summary>
    public string? ReadVersion(out string reason)
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = Binary, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(30) });
        var m = Regex.Match(r.Stdout, @"(?:Chromium|Firefox)\s+(\d+\.[0-9A-Za-z.]+)");
        if (r.ExitCode == 0 && m.Success)
        {
            reason = "";
            return m.Groups[1].Value;
        }
        var said = (r.Stdout + r.Stderr).Trim();
        reason = $"'{Binary} --version' exited {r.ExitCode}: {(said.Length > 300 ? said[..300] : said)}";
        return null;
    }

    /// <summary>
    /// The command line that opens <c>{url}</c> headless with <paramref name="profile"/> as a fresh
    /// profile: nothing from the user's, no first-run pages, no updates, sync or background traffic.
    /// </summary>
    public IReadOnlyList<string> Arguments(string profile) => Family == "chromium"
        ? ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-default-browser-check", $"--user-data-dir={profile}", "{url}"]
        : ["--headless", "--no-remote", "--profile", profile, "{url}"];

    /// <summary>Creates the fresh profile directory (Firefox: with a user.js that turns off updates, telemetry and first-run pages).</summary>
    public void PrepareProfile(string profile)
    {
        if (Directory.Exists(profile)) Directory.Delete(profile, recursive: true);
        Directory.CreateDirectory(profile);
        if (Family == "firefox") File.WriteAllLines(Path.Combine(profile, "user.js"), FirefoxPreferences.Select(p => $"user_pref(\"{p.Key}\", {p.Value});"));
    }

    /// <summary>Environment for the browser: its own HOME in the scratch (the sandbox's /tmp is private anyway, --no-sandbox's is not).</summary>
    public IReadOnlyDictionary<string, string> Environment(string home) => new Dictionary<string, string>
    {
        ["HOME"] = home,
        ["MOZ_CRASHREPORTER_DISABLE"] = "1",
        ["MOZ_DISABLE_AUTO_SAFE_MODE"] = "1",
    };

    /// <summary>Firefox preferences (user.js values are JavaScript literals): no updates, telemetry, first-run or background connections.</summary>
    private static readonly IReadOnlyList<KeyValuePair<string, string>> FirefoxPreferences =
    [
        new("app.update.enabled", "false"), new("app.update.auto", "false"), new("app.update.checkInstallTime", "false"),
        new("extensions.update.enabled", "false"), new("extensions.getAddons.cache.enabled", "false"),
        new("toolkit.telemetry.enabled", "false"), new("toolkit.telemetry.unified", "false"),
        new("datareporting.healthreport.uploadEnabled", "false"), new("datareporting.policy.dataSubmissionEnabled", "false"),
        new("browser.shell.checkDefaultBrowser", "false"), new("browser.startup.homepage_override.mstone", "\"ignore\""),
        new("startup.homepage_welcome_url", "\"\""), new("browser.aboutwelcome.enabled", "false"),
        new("browser.safebrowsing.malware.enabled", "false"), new("browser.safebrowsing.phishing.enabled", "false"),
        new("network.captive-portal-service.enabled", "false"), new("network.connectivity-service.enabled", "false"),
        new("browser.newtabpage.enabled", "false"), new("browser.sessionstore.resume_from_crash", "false"),
    ];
}
