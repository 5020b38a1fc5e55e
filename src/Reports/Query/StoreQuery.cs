using DuckDB.NET.Data;
using Observatory.Reports.Store;

namespace Observatory.Reports.Query;

/// <summary>
/// SQL over the store on a read-only connection: one reading statement at a time, a typed
/// result back. Nothing here can change the file: the connection is READ_ONLY and
/// <see cref="ReadOnlyGuard"/> refuses what DuckDB would still run on one (COPY ... TO, ATTACH, ...).
/// </summary>
public sealed class StoreQuery : IDisposable
{
    private readonly ObservatoryStore _store;

    private StoreQuery(ObservatoryStore store) => _store = store;

    /// <summary>Opens the database read-only; a missing file is an error naming it, never created.</summary>
    public static StoreQuery Open(string databasePath)
    {
        var store = ObservatoryStore.Open(databasePath, readOnly: true);
        try
        {
            AddMissingViews(store.Connection);
            return new StoreQuery(store);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A file last written by an observatory without the named views gets them for this session
    /// as TEMP views (which live in memory, not in the file), so queries behave the same on it.
    /// A view whose tables are absent (no conformance run yet) stays absent.
    /// </summary>
    private static void AddMissingViews(DuckDBConnection connection)
    {
        var present = Names(connection, "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal");
        foreach (var view in NamedViews.All)
        {
            if (present.Contains(view.Name) || !view.Tables.All(present.Contains)) continue;
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"CREATE TEMP VIEW {view.Name} AS {view.Sql}";
            cmd.ExecuteNonQuery();
            present.Add(view.Name);
        }
    }

    private static HashSet<string> Names(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (r.Read()) names.Add(r.GetString(0));
        return names;
    }

    /// <summary>Runs one statement that only reads; refusals and SQL errors come back as one-line <see cref="QueryException"/>s.</summary>
    public QueryResult Run(string sql)
    {
        if (string.IsNullOrWhiteSpace(sql)) throw new QueryException("the SQL is empty");
        try
        {
            ReadOnlyGuard.Check(_store.Connection, sql);
            return Execute(sql);
        }
        catch (DuckDBException e)
        {
            throw new QueryException(FirstLine(e.Message), e);
        }
    }

    /// <summary>Every table and view in the file (and the session's fallback views), with what each holds.</summary>
    public QueryResult Catalog()
    {
        var listed = Execute("""
            SELECT table_name AS name, 'table' AS kind, estimated_size AS rows FROM duckdb_tables() WHERE NOT internal
            UNION ALL
            SELECT view_name, 'view', NULL FROM duckdb_views() WHERE NOT internal
            ORDER BY kind, name
            """);
        QueryColumn[] columns = [.. listed.Columns, new QueryColumn("holds", "VARCHAR", false)];
        var rows = listed.Rows.Select(r => (object?[])[.. r, StoreCatalog.Describe((string)r[0]!)]).ToList();
        return new QueryResult(columns, rows);
    }

    private QueryResult Execute(string sql)
    {
        using var cmd = _store.Connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount)
            .Select(i => new QueryColumn(reader.GetName(i), DuckDbTypeNames.SqlName(reader.GetDataTypeName(i)), DuckDbTypeNames.IsNumeric(reader.GetDataTypeName(i))))
            .ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i) is Stream s ? ValueText.ReadAll(s) : reader.GetValue(i);
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }

    private static string FirstLine(string s) => s.Split('\n')[0].Trim();

    public void Dispose() => _store.Dispose();
}
