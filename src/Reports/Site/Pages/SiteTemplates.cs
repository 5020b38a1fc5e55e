using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// Fluid (Liquid) templates embedded in the assembly: layout.liquid wraps every page's body. Every
/// value is HTML-encoded on output; only the rendered body and the style sheet pass through raw.
/// </summary>
public static class SiteTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Cache = new();
    private static readonly TemplateOptions Options = new() { MemberAccessStrategy = new UnsafeMemberAccessStrategy() };

    public static string Render(ISitePage page, ObservatoryStore store, string title) => Render(page, store, title, store.IsSynthetic);

    /// <summary>As above, with the store's synthetic flag already read (a site asks once, not once per page).</summary>
    public static string Render(ISitePage page, ObservatoryStore store, string title, bool synthetic)
    {
        var body = Get(page.Template).Render(new TemplateContext(page.BuildModel(store), Options), HtmlEncoder.Default);
        return Get("layout").Render(new TemplateContext(new { Title = title, Body = body, Style = PageStyle, Navigation = SiteNavigation.Items, SyntheticBanner = Html.SyntheticBanner(synthetic) }, Options), HtmlEncoder.Default);
    }

    private static readonly string PageStyle = Html.Style + Html.OverviewStyle;

    public static string WriteTo(ISitePage page, ObservatoryStore store, string outDirectory, string title)
    {
        var path = Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, page.FileName));
        File.WriteAllText(path, Render(page, store, title), new System.Text.UTF8Encoding(false));
        return path;
    }

    private static IFluidTemplate Get(string name) => Cache.GetOrAdd(name, n =>
    {
        var resource = $"Observatory.Reports.Site.Templates.{n}.liquid";
        using var stream = typeof(SiteTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"template {resource} is not embedded");
        var text = new StreamReader(stream).ReadToEnd();
        return Parser.TryParse(text, out var template, out var error) ? template : throw new InvalidOperationException($"template {n}: {error}");
    });
}
