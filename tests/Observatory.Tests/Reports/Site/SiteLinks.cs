using System.Text.RegularExpressions;

namespace Observatory.Tests.Reports.Site;

/// <summary>Every internal link of a rendered site, and which of them point at no file.</summary>
public static partial class SiteLinks
{
    [GeneratedRegex("href=\"([^\"#:]+\\.html)(#[^\"]*)?\"")]
    private static partial Regex Href();

    public static List<(string Page, string Target)> Dangling(string siteDirectory)
    {
        var missing = new List<(string, string)>();
        foreach (var page in Directory.GetFiles(siteDirectory, "*.html"))
            foreach (Match m in Href().Matches(File.ReadAllText(page)))
            {
                var target = System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
                if (!File.Exists(Path.Combine(siteDirectory, target))) missing.Add((Path.GetFileName(page), target));
            }
        return missing;
    }
}
