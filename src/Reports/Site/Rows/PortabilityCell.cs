namespace Observatory.Reports.Site.Rows;

/// <summary>One cell of the latest portability run: a workload variant on one engine of one ISA, its verdict and first differing bytes.</summary>
public sealed record PortabilityCell
{
    public string RunId { get; init; } = "";
    public DateTime StartedUtc { get; init; }
    public string Workload { get; init; } = "";
    public string Variant { get; init; } = "";
    public string EngineId { get; init; } = "";
    public string Isa { get; init; } = "";
    public bool Emulated { get; init; }
    public string Verdict { get; init; } = "";
    public string? Message { get; init; }
    public string ReferenceEngine { get; init; } = "";
    public long? FirstDifference { get; init; }
    public string? ExpectedBytes { get; init; }
    public string? ActualBytes { get; init; }
    public long? WallNs { get; init; }
    /// <summary>The input the cell ran: "emulated" (the workload's smaller input for the matrix) or its profile; rows before schema 9 ran quick.</summary>
    public string InputProfile { get; init; } = "quick";

    public const string Sql = """
        SELECT run_id AS RunId, started_utc AS StartedUtc, workload AS Workload, variant AS Variant, engine_id AS EngineId,
               isa AS Isa, coalesce(emulated, false) AS Emulated, verdict AS Verdict, message AS Message,
               reference_engine AS ReferenceEngine, first_difference AS FirstDifference,
               expected_bytes AS ExpectedBytes, actual_bytes AS ActualBytes, wall_ns AS WallNs,
               coalesce(input_profile, 'quick') AS InputProfile
        FROM portability
        WHERE run_id = (SELECT run_id FROM portability ORDER BY started_utc DESC, run_id DESC LIMIT 1)
        ORDER BY workload, variant, isa, engine_id
        """;
}
