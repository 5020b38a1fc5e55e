using Observatory.Core.Engines;
using Observatory.Reports.Site.Rows;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Pages;

/// <summary>
/// The WASI preview1 section of architecture.html: each test (rows) on each engine's latest WASI run (columns,
/// x86_64 first, then each ISA), so a WASI call that behaves differently under another instruction set stands out:
/// a cell whose outcome differs from what the x86_64 engines got is marked.
/// </summary>
public static class ArchitectureWasi
{
    public sealed record Cell(string Outcome, string? Message, bool Differs);
    public sealed record TestRow(string Test, IReadOnlyList<Cell> Cells);

    public static (IReadOnlyList<ArchitecturePage.Column> Engines, IReadOnlyList<TestRow> Tests) Build(ObservatoryStore store)
    {
        var exists = store.Query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'conformance_engine_runs'").FirstOrDefault()?["n"];
        if (Convert.ToInt64(exists ?? 0L, System.Globalization.CultureInfo.InvariantCulture) == 0) return ([], []);
        var rows = store.Rows<IsaWasiResult>(IsaWasiResult.Sql);
        string IsaOf(IsaWasiResult r) => r.Isa ?? ArchitecturePage.IsaOf(r.Engine);
        var engines = rows.GroupBy(r => r.Engine).Select(g => (Id: g.Key, Isa: IsaOf(g.First()), Emulated: g.First().Emulated || IsaOf(g.First()) != InstructionSet.Host))
            .OrderBy(e => e.Isa == InstructionSet.Host ? 0 : 1).ThenBy(e => e.Isa, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        // Only the engines that ran on several ISAs are worth a side-by-side look: without a foreign one, the section is empty.
        if (engines.All(e => e.Isa == InstructionSet.Host)) return ([], []);
        var tests = rows.GroupBy(r => r.Test).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var host = g.Where(r => IsaOf(r) == InstructionSet.Host).Select(r => r.Outcome).ToHashSet(StringComparer.Ordinal);
            return new TestRow(g.Key, engines.Select(e => g.FirstOrDefault(r => r.Engine == e.Id) is { } r
                ? new Cell(r.Outcome, r.Message, IsaOf(r) != InstructionSet.Host && host.Count > 0 && !host.Contains(r.Outcome))
                : new Cell("", null, false)).ToList());
        }).ToList();
        return (engines.Select(e => new ArchitecturePage.Column(e.Id, InstructionSet.Describe(e.Isa, e.Emulated))).ToList(), tests);
    }
}
