namespace Observatory.Reports.Site.Pages;

/// <summary>The site's navigation bar: the same links on every page, in the layout and on run pages.</summary>
public static class SiteNavigation
{
    public sealed record Link(string Href, string Text);

    public static IReadOnlyList<Link> Items { get; } =
    [
        new("index.html", "Overview"),
        new("runs.html", "Runs"),
        new("regressions.html", "Regressions"),
        new("conformance.html", "Conformance"),
        new("serverless.html", "Serverless"),
        new("rates.html", "LLM & analytics"),
        new("environment.html", "Environment"),
        new("architecture.html", "Architectures"),
        new("downloads.html", "Downloads"),
    ];

    /// <summary>The bar as HTML for pages not yet on templates (run pages); every part is a constant above.</summary>
    public static string Links => string.Join(" · ", Items.Select(l => $"<a href=\"{Html.E(l.Href)}\">{Html.E(l.Text)}</a>"));
}
