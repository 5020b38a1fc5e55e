namespace Observatory.Reports.Query;

/// <summary>One result column: its name, its DuckDB type as SQL spells it, and whether it holds numbers (right-aligned, JSON numbers).</summary>
public sealed record QueryColumn(string Name, string Type, bool IsNumeric);

/// <summary>
/// The typed result of one statement. Values are what DuckDB.NET returns (long, double,
/// decimal, string, bool, DateTime, lists, ...); null for SQL NULL.
/// </summary>
public sealed record QueryResult(IReadOnlyList<QueryColumn> Columns, IReadOnlyList<object?[]> Rows);
