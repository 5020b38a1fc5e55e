using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>Row layouts of the samples, outcomes and region tables, shared by the store and the Parquet bundle writer.</summary>
internal static class TableAppenders
{
    public static void AppendSamples(DuckDBConnection conn, string runId, IEnumerable<Sample> samples)
    {
        using var a = conn.CreateAppender("samples");
        foreach (var s in samples)
            a.CreateRow().AppendValue(runId).AppendValue(s.Workload).AppendValue(s.Variant).AppendValue(s.Engine)
                .AppendValue(s.Process).AppendValue(s.Iteration).AppendValue(s.IsCold).AppendValue(s.Outcome.ToWire())
                .AppendValue(s.CompileNs).AppendValue(s.InstantiateNs).AppendValue(s.ExecuteNs).AppendValue(s.RegionNs)
                .AppendValue(s.TotalNs).AppendValue(s.PeakRssKb).AppendValue(s.ExitCode).AppendValue(s.StdoutSha256)
                .AppendValue(s.Message).AppendValue(s.Warmup).AppendValue(s.CpuNs).AppendValue(s.LinearMemoryBytes)
                .AppendValue(s.Measure.ToWire()).AppendValue(s.Instructions)
                .AppendValue(s.Round).AppendValue(s.Normalized).EndRow();
    }

    public static void AppendCells(DuckDBConnection conn, string runId, IEnumerable<Cell> cells)
    {
        using var a = conn.CreateAppender("outcomes");
        foreach (var c in cells)
            a.CreateRow().AppendValue(runId).AppendValue(c.Workload).AppendValue(c.Variant).AppendValue(c.Engine)
                .AppendValue(c.Outcome.ToWire()).AppendValue(c.Samples).AppendValue(c.MedianNs).AppendValue(c.CiLowNs)
                .AppendValue(c.CiHighNs).AppendValue(c.RatioToNative).AppendValue(c.RatioCiLow).AppendValue(c.RatioCiHigh)
                .AppendValue(c.MedianCompileNs).AppendValue(c.MedianInstantiateNs).AppendValue(c.Message)
                .AppendValue(c.Processes).AppendValue(c.StopReason).AppendValue(c.CiTargetMet)
                .AppendValue(c.MedianCpuNs).AppendValue(c.CpuCiLowNs).AppendValue(c.CpuCiHighNs)
                .AppendValue(c.ColdTotalMedianNs).AppendValue(c.ColdTotalCiLowNs).AppendValue(c.ColdTotalCiHighNs).AppendValue(c.ColdExecuteMedianNs)
                .AppendValue(c.MedianPeakRssKb).AppendValue(c.MaxPeakRssKb).AppendValue(c.MaxLinearMemoryBytes).AppendValue(c.MedianInstructions)
                .AppendValue(c.Overhead?.CompileNs).AppendValue(c.Overhead?.InstantiateNs).AppendValue(c.Overhead?.ExecuteNs)
                .AppendValue(c.Overhead?.RegionNs).AppendValue(c.Overhead?.TotalNs).AppendValue(c.Overhead?.CpuNs)
                .AppendValue(c.StderrTail).AppendValue(c.OutputDiff).EndRow();
    }

    public static void AppendSampleRegions(DuckDBConnection conn, string runId, IEnumerable<Sample> samples)
    {
        using var a = conn.CreateAppender("sample_regions");
        foreach (var s in samples)
            for (var i = 0; i < (s.RegionsNs?.Count ?? 0); i++)
                a.CreateRow().AppendValue(runId).AppendValue(s.Workload).AppendValue(s.Variant).AppendValue(s.Engine)
                    .AppendValue(s.Process).AppendValue(s.Iteration).AppendValue(i).AppendValue(s.RegionsNs![i]).EndRow();
    }

    public static void AppendRegions(DuckDBConnection conn, string runId, IEnumerable<RegionSummary> regions)
    {
        using var a = conn.CreateAppender("regions");
        foreach (var r in regions)
            a.CreateRow().AppendValue(runId).AppendValue(r.Workload).AppendValue(r.Variant).AppendValue(r.Engine)
                .AppendValue(r.Index).AppendValue(r.Name).AppendValue(r.Unit).AppendValue(r.Count).AppendValue(r.Declared)
                .AppendValue(r.Samples).AppendValue(r.MedianNs).AppendValue(r.CiLowNs).AppendValue(r.CiHighNs).AppendValue(r.RatePerSecond).EndRow();
    }
}
