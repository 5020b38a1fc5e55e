using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Observatory.Reports.Query;

/// <summary>
/// Lets through exactly one statement that only reads: what DuckDB's own parser calls a SELECT
/// (SELECT, WITH ... SELECT, FROM, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE), optionally behind
/// EXPLAIN [ANALYZE]. The read-only connection alone is not enough: DuckDB still runs COPY ... TO,
/// EXPORT DATABASE, ATTACH, INSTALL and SET on it, and those write files or change the session.
/// </summary>
public static partial class ReadOnlyGuard
{
    public const string Allowed = "SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN";

    public static void Check(DuckDBConnection connection, string sql)
    {
        var body = LeadingComments().Replace(sql, "");
        var explained = Explain().Match(body);
        var statement = explained.Success ? LeadingComments().Replace(body[explained.Length..], "") : body;

        // json_serialize_sql parses with DuckDB's parser and serializes SELECT statements only,
        // so its verdict is the grammar's, not a keyword list's.
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT json_serialize_sql('" + statement.Replace("'", "''") + "')::VARCHAR";
        using var verdict = JsonDocument.Parse((string)cmd.ExecuteScalar()!);
        var root = verdict.RootElement;
        if (root.GetProperty("error").GetBoolean())
        {
            var type = root.TryGetProperty("error_type", out var t) ? t.GetString() : null;
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : null;
            if (type == "not implemented")
                throw new QueryException($"the store is read-only here: {FirstWord(statement)} is refused; query runs one statement that only reads ({Allowed})");
            throw new QueryException($"{Capitalized(type ?? "SQL")} Error: {message}");
        }
        var count = root.GetProperty("statements").GetArrayLength();
        if (count == 0)
            throw new QueryException("the SQL holds no statement (only comments?)");
        if (count > 1)
            throw new QueryException($"give one statement at a time; the SQL holds {count}");
    }

    private static string FirstWord(string statement)
    {
        var m = Word().Match(statement);
        return m.Success ? m.Value.ToUpperInvariant() : "this statement";
    }

    private static string Capitalized(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"^(\s+|--[^\n]*(\n|$)|/\*.*?\*/)*", RegexOptions.Singleline)]
    private static partial Regex LeadingComments();

    [GeneratedRegex(@"^EXPLAIN(\s+ANALY[SZ]E)?\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Explain();

    [GeneratedRegex(@"^[A-Za-z_]+")]
    private static partial Regex Word();
}
