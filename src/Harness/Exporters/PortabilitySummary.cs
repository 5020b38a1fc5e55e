using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Core.Engines;
using Observatory.Core.Runs;
using Observatory.Harness.Cli;
using Observatory.Harness.Portability;

namespace Observatory.Harness.Exporters;

/// <summary>
/// The portability run as the console and --json show it: one verdict per workload variant and engine
/// (engines grouped by ISA), then every divergence with its first differing bytes, then what each part of the
/// run cost (wall and CPU seconds: CPU compares across machine load), then the counts and wall time.
/// </summary>
public sealed record PortabilitySummary(string RunId, IReadOnlyList<PortabilityRow> Rows, TimeSpan Wall, IReadOnlyList<PortabilityPart>? Parts = null)
{
    /// <summary>CPU time of every engine (and compiler) process of the run.</summary>
    public TimeSpan Cpu => TimeSpan.FromTicks((Parts ?? []).Sum(p => p.Cpu.Ticks));

    /// <summary>Findings: a foreign ISA disagreeing with x86_64, or failing where the reference ran.</summary>
    public IEnumerable<PortabilityRow> Divergences => Rows.Where(r => r.Verdict is not (PortabilityRow.Agree or PortabilityRow.NoReference));

    public void Write(TextWriter w)
    {
        var engines = Rows.Select(r => (r.Isa, r.EngineId)).Distinct()
            .OrderBy(e => e.Isa == InstructionSet.Host ? 0 : 1).ThenBy(e => e.Isa, StringComparer.Ordinal).ThenBy(e => e.EngineId, StringComparer.Ordinal).ToList();
        var table = new TextTable(["workload/variant", "input", .. engines.Select(e => e.EngineId)]);
        foreach (var g in Rows.GroupBy(r => $"{r.Workload}/{r.Variant}"))
            table.Add([g.Key, g.First().InputProfile ?? "", .. engines.Select(e => g.FirstOrDefault(r => r.EngineId == e.EngineId)?.Verdict ?? "")]);
        table.Write(w);
        w.WriteLine();
        var divergences = Divergences.ToList();
        w.WriteLine(divergences.Count == 0 ? "no divergence: every engine on every ISA printed the reference's bytes" : $"{divergences.Count} divergences:");
        foreach (var d in divergences)
            foreach (var line in TextWrap.Lines($"{d.Verdict}: {d.Message}", $"  {d.Workload}/{d.Variant} on {d.EngineId} ({InstructionSet.Describe(d.Isa, d.Emulated)}): ", "      "))
                w.WriteLine(line);
        if (Parts is { Count: > 0 })
        {
            w.WriteLine();
            var parts = new TextTable("ISA", "part", "cells", "wall s", "CPU s");
            foreach (var p in Parts)
                parts.Add(p.Isa, p.Engine, p.Cells.ToString(CultureInfo.InvariantCulture), Seconds(p.Wall), Seconds(p.Cpu));
            parts.Write(w);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU of the run's processes: {Cpu.TotalSeconds:0} s, {Cpu.TotalMinutes / Environment.ProcessorCount:0.0} min with all {Environment.ProcessorCount} cores busy"));
        }
        w.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"portability {RunId}: {Rows.Count} cells, {string.Join(", ", Rows.GroupBy(r => r.Verdict).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}; wall time {Wall.TotalMinutes:0.0} min"));
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

    public string ToJson()
    {
        var rows = new JsonArray();
        foreach (var r in Rows)
            rows.Add(new JsonObject
            {
                ["workload"] = r.Workload, ["variant"] = r.Variant, ["engine"] = r.EngineId, ["isa"] = r.Isa, ["emulated"] = r.Emulated,
                ["verdict"] = r.Verdict, ["message"] = r.Message, ["reference"] = r.ReferenceEngine, ["inputProfile"] = r.InputProfile,
                ["firstDifference"] = r.FirstDifference, ["expectedBytes"] = r.ExpectedBytes, ["actualBytes"] = r.ActualBytes,
            });
        return new JsonObject
        {
            ["runId"] = RunId, ["wallSeconds"] = Math.Round(Wall.TotalSeconds, 1), ["cpuSeconds"] = Math.Round(Cpu.TotalSeconds, 1), ["cells"] = rows,
            ["parts"] = new JsonArray((Parts ?? []).Select(p => (JsonNode)new JsonObject
            {
                ["isa"] = p.Isa, ["engine"] = p.Engine, ["cells"] = p.Cells,
                ["wallSeconds"] = Math.Round(p.Wall.TotalSeconds, 1), ["cpuSeconds"] = Math.Round(p.Cpu.TotalSeconds, 1),
            }).ToArray()),
            ["divergences"] = Divergences.Count(),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
