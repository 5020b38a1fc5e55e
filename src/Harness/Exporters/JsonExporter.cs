using System.Text.Json.Nodes;
using Observatory.Core.Runs;

namespace Observatory.Harness.Exporters;

/// <summary>
/// `run --json`: {runId, protocol, overhead, cells, regions}. Scripts and tests read this shape:
/// fields may be added, never renamed or removed.
/// </summary>
public sealed class JsonExporter : IRunExporter
{
    public string Name => "json";

    public void Export(RunInfo run, TextWriter w) => w.WriteLine(ToJson(run));

    public static string ToJson(RunInfo run)
    {
        var cells = new JsonArray();
        var descriptors = run.Engines.ToDictionary(e => e.Id);
        foreach (var c in run.Cells)
            cells.Add(new JsonObject
            {
                ["workload"] = c.Workload, ["variant"] = c.Variant, ["engine"] = c.Engine,
                // Where the cell ran: an emulated cell's times are the emulator's (its ratioToNative is null by design).
                ["isa"] = descriptors.GetValueOrDefault(c.Engine)?.Isa, ["emulated"] = descriptors.GetValueOrDefault(c.Engine)?.Emulated ?? false,
                ["outcome"] = c.Outcome.ToWire(),
                ["samples"] = c.Samples, ["processes"] = c.Processes, ["stopReason"] = c.StopReason, ["ciTargetMet"] = c.CiTargetMet,
                ["medianNs"] = c.MedianNs, ["ciLowNs"] = c.CiLowNs, ["ciHighNs"] = c.CiHighNs,
                ["ratioToNative"] = c.RatioToNative, ["ratioCiLow"] = c.RatioCiLow, ["ratioCiHigh"] = c.RatioCiHigh,
                ["medianCpuNs"] = c.MedianCpuNs, ["cpuCiLowNs"] = c.CpuCiLowNs, ["cpuCiHighNs"] = c.CpuCiHighNs,
                ["medianCompileNs"] = c.MedianCompileNs, ["medianInstantiateNs"] = c.MedianInstantiateNs,
                ["coldTotalMedianNs"] = c.ColdTotalMedianNs, ["coldTotalCiLowNs"] = c.ColdTotalCiLowNs, ["coldTotalCiHighNs"] = c.ColdTotalCiHighNs,
                ["coldExecuteMedianNs"] = c.ColdExecuteMedianNs,
                ["medianPeakRssKb"] = c.MedianPeakRssKb, ["maxPeakRssKb"] = c.MaxPeakRssKb, ["maxLinearMemoryBytes"] = c.MaxLinearMemoryBytes,
                ["medianInstructions"] = c.MedianInstructions,
                ["overhead"] = OverheadJson(c.Overhead),
                ["message"] = c.Message,
                ["outputDiff"] = c.OutputDiff,
                ["stderrTail"] = c.StderrTail,
            });
        var overheads = new JsonArray();
        foreach (var o in run.Overheads)
        {
            var j = OverheadJson(o)!;
            j.Insert(0, "engine", o.Engine);
            overheads.Add(j);
        }
        var p = run.Protocol;
        var o2 = new JsonObject
        {
            ["runId"] = run.RunId, ["label"] = run.Label, ["profile"] = run.Profile, ["fingerprint"] = run.Fingerprint.Id,
            ["protocol"] = p is null ? null : new JsonObject
            {
                ["minProcesses"] = p.MinProcesses, ["maxProcesses"] = p.MaxProcesses, ["iterations"] = p.Iterations,
                ["warmupIterations"] = p.WarmupIterations, ["ciTarget"] = p.CiTarget, ["budgetSeconds"] = p.BudgetSeconds,
                ["pinnedCpus"] = p.PinnedCpus, ["measures"] = new JsonArray(p.Measures.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
                ["overheadWorkload"] = p.OverheadWorkload, ["sandbox"] = p.Sandbox,
            },
            ["overhead"] = overheads,
            ["cells"] = cells,
            ["regions"] = RegionsJson(run),
        };
        return o2.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject? OverheadJson(PhaseOverhead? o) => o is null ? null : new JsonObject
    {
        ["compileNs"] = o.CompileNs, ["instantiateNs"] = o.InstantiateNs, ["executeNs"] = o.ExecuteNs,
        ["regionNs"] = o.RegionNs, ["totalNs"] = o.TotalNs, ["cpuNs"] = o.CpuNs, ["peakRssKb"] = o.PeakRssKb,
    };

    private static JsonArray RegionsJson(RunInfo run)
    {
        var regions = new JsonArray();
        foreach (var r in run.Regions)
            regions.Add(new JsonObject
            {
                ["workload"] = r.Workload, ["variant"] = r.Variant, ["engine"] = r.Engine, ["index"] = r.Index, ["name"] = r.Name,
                ["declared"] = r.Declared, ["unit"] = r.Unit, ["count"] = r.Count, ["samples"] = r.Samples,
                ["medianNs"] = r.MedianNs, ["ciLowNs"] = r.CiLowNs, ["ciHighNs"] = r.CiHighNs, ["ratePerSecond"] = r.RatePerSecond,
            });
        return regions;
    }
}
