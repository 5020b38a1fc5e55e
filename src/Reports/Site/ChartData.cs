using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observatory.Reports.Site;

/// <summary>
/// The numbers behind a chart, as JSON beside its static SVG (<c>script.chart-data</c>): site.js draws
/// the interactive chart from them (values on hover, engines toggled, x range zoomed). The SVG stays
/// for readers without scripts and for markdown. The default encoder escapes &lt;, &gt; and &amp;, so
/// a series named <c>&lt;/script&gt;</c> cannot end the block.
/// </summary>
public sealed partial record ChartData
{
    /// <summary>trend: lines over runs (x = run index); bars: one value per group and series with its CI.</summary>
    public required string Kind { get; init; }
    /// <summary>ns (durations, shown in the shared units) or ratio (× native).</summary>
    public required string Unit { get; init; }
    public bool Log { get; init; }
    /// <summary>Labels of the x positions: runs (trend) or workload variants (bars).</summary>
    public required IReadOnlyList<string> X { get; init; }
    public required IReadOnlyList<Line> Series { get; init; }
    public IReadOnlyList<Mark> Markers { get; init; } = [];

    /// <summary>Points are [x, value] or [x, value, low, high].</summary>
    public sealed record Line(string Name, IReadOnlyList<double[]> Points);

    public sealed record Mark(double X, string Text);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>A chart as the site shows it: the static SVG, then its data for site.js, in one element with the given id.</summary>
    public static string Figure(string id, string svg, ChartData data) =>
        $"<div class=\"chart\" id=\"{Html.E(id)}\" data-kind=\"{Html.E(data.Kind)}\">{ScopeClipIds(Html.StripXmlDeclaration(svg), id)}<script type=\"application/json\" class=\"chart-data\">{data.ToJson()}</script></div>\n";

    /// <summary>
    /// Skia numbers an SVG's clip paths from one process-wide counter (cl_59), so the same chart got other
    /// ids depending on what was drawn before it, and pages rendered in parallel differed run to run.
    /// Renumbered per chart, under the chart's id: the same page every time, unique within the page.
    /// </summary>
    public static string ScopeClipIds(string svg, string chartId)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(svg, m => ids.TryGetValue(m.Value, out var scoped) ? scoped : ids[m.Value] = $"{chartId}-clip{ids.Count}");
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-fA-F]+(?=[""\)])")]
    private static partial System.Text.RegularExpressions.Regex ClipId();
}
