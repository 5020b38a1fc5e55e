using System.Globalization;
using System.Net;

namespace Observatory.Reports.Site;

/// <summary>Small HTML and number-formatting helpers for the static pages.</summary>
public static class Html
{
    public static string E(object? v) => WebUtility.HtmlEncode(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");

    /// <summary>The shared vocabulary of units (<see cref="Core.Units.TimeText"/>), from a store value.</summary>
    public static string Duration(object? ns) => ns is null ? "" : Core.Units.TimeText.Duration(Convert.ToDouble(ns, CultureInfo.InvariantCulture));

    public static string Ratio(object? r) => r is null ? "" : Core.Units.TimeText.Ratio(Convert.ToDouble(r, CultureInfo.InvariantCulture));

    public static string StripXmlDeclaration(string svg) =>
        svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;

    public const string Style = """
        body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem; color: #1d2330; max-width: 1400px; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccd; }
        .sub { color: #5a6275; margin-top: 0; }
        table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
        th, td { border: 1px solid #d5d9e2; padding: .3rem .55rem; text-align: left; vertical-align: top; }
        th { background: #f0f2f7; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        td.ok { background: #f3fbf4; } td.bad { background: #fdecec; color: #8a1010; } td.na { background: #f6f6f6; color: #888; }
        .ratio { color: #4a5670; font-size: .8rem; display: block; }
        .ci { color: #7a8398; font-size: .75rem; display: block; }
        .chart svg { max-width: 100%; height: auto; }
        .note { color: #5a6275; font-size: .85rem; }
        .warning { background: #fff4e0; border-left: 4px solid #d08a00; padding: .4rem .7rem; }
        code { background: #f3f4f8; padding: 0 .2rem; }
        """;

    /// <summary>Additions for the overview: site navigation, score and heat-map tables.</summary>
    public const string OverviewStyle = """
        nav.site { font-size: .9rem; margin-bottom: 1rem; }
        td.score { font-weight: bold; }
        td.heat-unlike { background: #f1eefa; color: #5b4a8a; }
        .scroll { overflow-x: auto; }
        #heatmap td { font-size: .8rem; padding: .2rem .35rem; }
        #heatmap th.engine { writing-mode: vertical-rl; transform: rotate(180deg); font-weight: normal; font-size: .8rem; }
        .stack { display: flex; width: 320px; height: 14px; background: #f4f5f8; }
        .seg.compile, .key.compile { background: #8e6bbf; } .seg.instantiate, .key.instantiate { background: #e0a030; } .seg.run, .key.run { background: #3b6fb6; }
        .key { display: inline-block; width: .8rem; height: .8rem; vertical-align: middle; }
        td.bar-cell { padding: .15rem .3rem; }
        td.verdict-slower { background: #fdecec; } td.verdict-faster { background: #eaf7ec; }
        """;
}
