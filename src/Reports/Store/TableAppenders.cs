using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>Row layouts of the samples and outcomes tables, shared by the store and the Parquet bundle writer.</summary>
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
                .AppendValue(s.Message).EndRow();
    }

    public static void AppendCells(DuckDBConnection conn, string runId, IEnumerable<Cell> cells)
    {
        using var a = conn.CreateAppender("outcomes");
        foreach (var c in cells)
            a.CreateRow().AppendValue(runId).AppendValue(c.Workload).AppendValue(c.Variant).AppendValue(c.Engine)
                .AppendValue(c.Outcome.ToWire()).AppendValue(c.Samples).AppendValue(c.MedianNs).AppendValue(c.CiLowNs)
                .AppendValue(c.CiHighNs).AppendValue(c.RatioToNative).AppendValue(c.RatioCiLow).AppendValue(c.RatioCiHigh)
                .AppendValue(c.MedianCompileNs).AppendValue(c.MedianInstantiateNs).AppendValue(c.Message).EndRow();
    }
}
