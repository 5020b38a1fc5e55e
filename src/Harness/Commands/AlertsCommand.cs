using System.Globalization;
using Observatory.Core.Statistics;
using Observatory.Harness.Cli;
using Observatory.Harness.Exporters;
using Observatory.Reports.Alerts;

namespace Observatory.Harness.Commands;

/// <summary>What `alerts` was asked: where the runs are, which runs are new, the verdict rule and the output form.</summary>
public sealed record AlertsSettings
{
    public required string Database { get; init; }
    public bool DatabaseGiven { get; init; }
    public string? History { get; init; }
    public string? Since { get; init; }
    public double? Threshold { get; init; }
    public double? Alpha { get; init; }
    public bool Markdown { get; init; }
    public bool Json { get; init; }
    public bool FailOnAlert { get; init; }
}

/// <summary>Regressions of the newest runs against their history (see <see cref="RegressionFinder"/>), printed by one exporter.</summary>
public sealed class AlertsCommand
{
    public int Execute(AlertsSettings settings, CommandContext context)
    {
        if (settings.Markdown && settings.Json) throw new UsageException("give --markdown or --json, not both");
        var threshold = settings.Threshold ?? Comparison.DefaultThreshold;
        if (!(threshold >= 0 && threshold < 1))
            throw new UsageException($"--threshold must be a fraction in [0, 1), e.g. 0.03 for 3% (got {threshold.ToString(CultureInfo.InvariantCulture)})");
        var alpha = settings.Alpha ?? Comparison.DefaultAlpha;
        if (!(alpha > 0 && alpha < 1))
            throw new UsageException($"--alpha must be between 0 and 1, e.g. 0.05 (got {alpha.ToString(CultureInfo.InvariantCulture)})");

        using var store = StoreSource.OpenReadOnly(settings.Database, settings.History, settings.DatabaseGiven);
        var report = RegressionFinder.Find(store, settings.Since, threshold, alpha);
        if (settings.Json) AlertExporters.Json(report, context.Out);
        else if (settings.Markdown) AlertExporters.Markdown(report, context.Out);
        else AlertExporters.Text(report, context.Out);
        return settings.FailOnAlert && report.Alerts.Count > 0 ? 1 : 0;
    }
}
