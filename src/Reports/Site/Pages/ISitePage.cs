using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// One page of the site: it reads what it shows from the store into a view model, and a template
/// renders that model inside the one layout (<see cref="SiteTemplates"/>). Adding a page is adding
/// one class and one template.
/// </summary>
public interface ISitePage
{
    /// <summary>File name inside the site directory.</summary>
    string FileName { get; }

    /// <summary>What the browser's title bar says (the layout adds the site name).</summary>
    string Title { get; }

    /// <summary>The page's template, an embedded resource under Site/Templates.</summary>
    string Template { get; }

    /// <summary>The view model the template renders (typed rows, numbers already in the shared units).</summary>
    object BuildModel(ObservatoryStore store);
}
