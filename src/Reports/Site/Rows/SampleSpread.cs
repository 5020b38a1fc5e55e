namespace Observatory.Reports.Site.Rows;

/// <summary>
/// One engine's headline samples of one workload variant in one run, as a distribution: quartiles
/// from DuckDB and the values themselves (warm ones when the engine has any, never warm-ups), so a
/// page can draw a box and a strip instead of a lone median.
/// </summary>
public sealed record SampleSpread
{
    public string EngineId { get; init; } = "";
    public long N { get; init; }
    public double Min { get; init; }
    public double Q1 { get; init; }
    public double Median { get; init; }
    public double Q3 { get; init; }
    public double Max { get; init; }
    public List<double> Values { get; init; } = [];

    public const string Sql = """
        WITH ok AS (
            SELECT engine_id, coalesce(region_ns, execute_ns)::DOUBLE AS v, iteration,
                   sum(CASE WHEN iteration > 0 THEN 1 ELSE 0 END) OVER (PARTITION BY engine_id) AS warm
            FROM samples
            WHERE run_id = $RunId AND workload = $Workload AND variant = $Variant AND coalesce(metric, 'time') = 'time'
                  AND outcome = 'ok' AND NOT coalesce(warmup, false) AND coalesce(region_ns, execute_ns) > 0)
        SELECT engine_id AS EngineId, count(*) AS N, min(v) AS Min, quantile_cont(v, 0.25) AS Q1, quantile_cont(v, 0.5) AS Median,
               quantile_cont(v, 0.75) AS Q3, max(v) AS Max, list(v ORDER BY v) AS Values
        FROM ok WHERE warm = 0 OR iteration > 0
        GROUP BY engine_id ORDER BY Median
        """;
}
