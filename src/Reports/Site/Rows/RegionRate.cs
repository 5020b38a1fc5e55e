namespace Observatory.Reports.Site.Rows;

/// <summary>One named region of one cell in a run with its unit of work and rate (tokens/s, rows/s, instances/s).</summary>
public sealed record RegionRate
{
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string Category { get; init; } = "";
    public string EngineId { get; init; } = "";
    public bool IsNative { get; init; }
    public int RegionIndex { get; init; }
    public string Name { get; init; } = "";
    public string Unit { get; init; } = "";
    public long? Count { get; init; }
    public double? MedianNs { get; init; }
    public double? RatePerSecond { get; init; }

    public const string Sql = """
        SELECT g.workload AS Workload, g.variant AS Variant, coalesce(w.category, 'other') AS Category, g.engine_id AS EngineId,
               coalesce(e.is_native, false) AS IsNative, g.region_index AS RegionIndex, coalesce(g.name, '') AS Name, coalesce(g.unit, '') AS Unit,
               g.count AS Count, g.median_ns AS MedianNs, g.rate_per_second AS RatePerSecond
        FROM regions g
        LEFT JOIN workloads w ON w.run_id = g.run_id AND w.workload = g.workload AND w.variant = g.variant
        LEFT JOIN engines e ON e.run_id = g.run_id AND e.engine_id = g.engine_id
        WHERE g.run_id = $RunId
        ORDER BY Category, Workload, Variant, RegionIndex, RatePerSecond DESC NULLS LAST, EngineId
        """;
}
