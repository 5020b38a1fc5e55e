using System.Globalization;
using Observatory.Core.Engines;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// architecture.html: the portability matrix of the latest portability run (every workload variant on every
/// engine of every ISA, judged against x86_64), its divergences with the first differing bytes, the emulated
/// wall times (shown only here, labelled emulated: never performance data), and the spec suite per feature on
/// the Node build of each ISA beside x86_64's, and the WASI tests per engine and ISA (<see cref="ArchitectureWasi"/>).
/// </summary>
public sealed class ArchitecturePage : ISitePage
{
    public const string PageFileName = "architecture.html";
    public string FileName => PageFileName;
    public string Title => "Architectures";
    public string Template => "architecture";

    public sealed record Column(string EngineId, string Architecture);
    public sealed record VerdictCell(string Verdict, string? Message, bool Bad);
    /// <summary>A workload variant's row; <paramref name="Input"/> is the input profile it ran (emulated or quick), the same in every cell.</summary>
    public sealed record MatrixRow(string Workload, string Variant, string Input, IReadOnlyList<VerdictCell> Cells);
    public sealed record Divergence(string Workload, string Variant, string EngineId, string Architecture, string Verdict, string? Message, string Offset, string? Expected, string? Actual);
    public sealed record EmulatedTime(string EngineId, string Architecture, int Cells, string MedianWall);
    public sealed record FeatureRow(string Feature, IReadOnlyList<string> Rates, IReadOnlyList<bool> Differs);

    public object BuildModel(ObservatoryStore store)
    {
        var cells = store.Rows<PortabilityCell>(PortabilityCell.Sql);
        var columns = cells.Select(c => (c.Isa, c.EngineId, c.Emulated)).Distinct()
            .OrderBy(c => c.Isa == InstructionSet.Host ? 0 : 1).ThenBy(c => c.Isa, StringComparer.Ordinal).ThenBy(c => c.EngineId, StringComparer.Ordinal)
            .ToList();
        var matrix = cells.GroupBy(c => (c.Workload, c.Variant)).Select(g => new MatrixRow(g.Key.Workload, g.Key.Variant,
            string.Join(", ", g.Select(c => c.InputProfile).Distinct().Order(StringComparer.Ordinal)),
            columns.Select(col => g.FirstOrDefault(c => c.EngineId == col.EngineId) is { } c
                ? new VerdictCell(c.Verdict, c.Message, c.Verdict is not ("agree" or "no-reference")) : new VerdictCell("", null, false)).ToList())).ToList();
        var divergences = cells.Where(c => c.Verdict is not ("agree" or "no-reference")).Select(c => new Divergence(c.Workload, c.Variant, c.EngineId,
            InstructionSet.Describe(c.Isa, c.Emulated), c.Verdict, c.Message,
            c.FirstDifference?.ToString(CultureInfo.InvariantCulture) ?? "", c.ExpectedBytes, c.ActualBytes)).ToList();
        var times = cells.Where(c => c.Emulated && c.WallNs is > 0).GroupBy(c => (c.EngineId, c.Isa))
            .Select(g => new EmulatedTime(g.Key.EngineId, InstructionSet.Describe(g.Key.Isa, true), g.Count(),
                Core.Units.TimeText.Duration(Core.Statistics.Descriptive.Median(g.Select(c => (double)c.WallNs!.Value).ToList())))).ToList();

        var (engines, features) = Conformance(store);
        var (wasiEngines, wasiTests) = ArchitectureWasi.Build(store);
        return new
        {
            HasRun = cells.Count > 0,
            RunId = cells.FirstOrDefault()?.RunId ?? "",
            Started = cells.FirstOrDefault()?.StartedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "",
            Columns = columns.Select(c => new Column(c.EngineId, InstructionSet.Describe(c.Isa, c.Emulated))).ToList(),
            Matrix = matrix,
            EmulatedInputs = matrix.Count(r => r.Input == Core.Workloads.WorkloadManifest.EmulatedProfile),
            Counts = string.Join(", ", cells.GroupBy(c => c.Verdict).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}")),
            Divergences = divergences,
            Times = times,
            ConformanceEngines = engines,
            Features = features,
            WasiEngines = wasiEngines,
            WasiTests = wasiTests,
        };
    }

    /// <summary>Node engines' spec pass rates per feature, x86_64 first, then each ISA; a rate unlike x86_64's is marked.</summary>
    private static (IReadOnlyList<Column>, IReadOnlyList<FeatureRow>) Conformance(ObservatoryStore store)
    {
        var exists = store.Query("SELECT count(*) AS n FROM duckdb_views() WHERE view_name = 'conformance_summary'").FirstOrDefault()?["n"];
        if (Convert.ToInt64(exists ?? 0L, CultureInfo.InvariantCulture) == 0) return ([], []);
        var rows = store.Rows<IsaConformance>(IsaConformance.Sql);
        var engines = rows.Select(r => r.Engine).Distinct()
            .Select(e => (Id: e, Isa: IsaOf(e)))
            .OrderBy(e => e.Isa == InstructionSet.Host ? 0 : 1).ThenBy(e => e.Isa, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        var features = rows.GroupBy(r => r.Feature).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var rates = engines.Select(e => g.FirstOrDefault(r => r.Engine == e.Id)).ToList();
            var host = rates.Select((r, i) => (r, i)).Where(x => engines[x.i].Isa == InstructionSet.Host && x.r is not null).Select(x => Rate(x.r!)).FirstOrDefault();
            return new FeatureRow(g.Key, rates.Select(r => r is null ? "" : $"{r.Passed}/{r.Total - r.Skipped}").ToList(),
                rates.Select((r, i) => r is not null && host is not null && engines[i].Isa != InstructionSet.Host && Rate(r) != host).ToList());
        }).ToList();
        return (engines.Select(e => new Column(e.Id, InstructionSet.Describe(e.Isa, e.Isa != InstructionSet.Host))).ToList(), features);
    }

    private static double? Rate(IsaConformance r) => r.Total - r.Skipped == 0 ? null : (double)r.Passed / (r.Total - r.Skipped);

    /// <summary>Emulated Node builds are named node-VERSION-ISA (see the engine registry); anything else ran on the host.</summary>
    public static string IsaOf(string engineId) =>
        InstructionSet.Known.FirstOrDefault(i => i != InstructionSet.Host && engineId.EndsWith("-" + i, StringComparison.Ordinal)) ?? InstructionSet.Host;
}
