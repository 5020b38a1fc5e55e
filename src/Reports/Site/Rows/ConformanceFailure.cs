namespace Observatory.Reports.Site.Rows;

/// <summary>A failing assertion of one conformance run: where it is (file:line), what was expected, what the engine did.</summary>
public sealed record ConformanceFailure
{
    public string Engine { get; init; } = "";
    public string Feature { get; init; } = "";
    public string File { get; init; } = "";
    public int Line { get; init; }
    public string Directive { get; init; } = "";
    public string Outcome { get; init; } = "";
    public string? Expected { get; init; }
    public string? Actual { get; init; }
    public string? Message { get; init; }

    /// <summary>At most $Limit per engine, in file order.</summary>
    public const string Sql = """
        SELECT Engine, Feature, File, Line, Directive, Outcome, Expected, Actual, Message FROM (
            SELECT engine AS Engine, coalesce(feature, '') AS Feature, file AS File, coalesce(line, 0) AS Line, coalesce(directive, '') AS Directive,
                   outcome AS Outcome, expected AS Expected, actual AS Actual, message AS Message,
                   row_number() OVER (PARTITION BY engine ORDER BY file, line) AS n
            FROM conformance_results
            WHERE run_id = $RunId AND is_assertion AND outcome IN ('fail', 'error', 'timeout', 'crash'))
        WHERE n <= $Limit
        ORDER BY Engine, File, Line
        """;
}
