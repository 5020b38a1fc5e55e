namespace Observatory.Harness.Exporters;

/// <summary>Which exporters `observatory run` prints its result with, by its output flags.</summary>
public static class RunExporters
{
    public static IReadOnlyList<IRunExporter> For(bool json, bool wide) =>
        json ? [new JsonExporter()]
        : wide ? [new WideSummaryExporter(), new RegionsExporter { Wide = true }, new CellTotalsExporter(), new FailureDetailsExporter()]
        : [new ConsoleSummaryExporter(), new RegionsExporter(), new CellTotalsExporter(), new FailureDetailsExporter()];
}
