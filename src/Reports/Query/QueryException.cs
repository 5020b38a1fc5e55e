namespace Observatory.Reports.Query;

/// <summary>A query that was refused or failed, already worded as one line for the user.</summary>
public sealed class QueryException(string message, Exception? inner = null) : Exception(message, inner);
