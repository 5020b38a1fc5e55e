using System.Text;

namespace Observatory.Reports.Site;

/// <summary>
/// Files the site carries beside its pages, embedded in this assembly so a rendered site needs
/// nothing else: site.js (interaction) and schema.md (what every downloaded column means).
/// </summary>
public static class SiteAssets
{
    public const string Script = "site.js";
    public const string SchemaDoc = "schema.md";

    public static string Text(string name)
    {
        using var stream = typeof(SiteAssets).Assembly.GetManifestResourceStream($"Observatory.Reports.Site.Assets.{name}")
            ?? throw new InvalidOperationException($"site asset {name} is not embedded");
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>Writes an asset to DIR/RELATIVE (relative may be downloads/schema.md) and returns its path.</summary>
    public static string WriteTo(string name, string outDirectory, string? relative = null)
    {
        var path = Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, relative ?? name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Text(name), new UTF8Encoding(false));
        return path;
    }
}
