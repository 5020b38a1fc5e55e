using Microsoft.Playwright;

namespace Observatory.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never `playwright install`): headless, no
/// sandbox (we run as root), and no background networking on this closed network.
/// </summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var pw = await Playwright.CreateAsync();
        var browser = await pw.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
        });
        return (pw, browser);
    }
}
