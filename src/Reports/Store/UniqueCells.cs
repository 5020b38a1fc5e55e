using DuckDB.NET.Data;

namespace Observatory.Reports.Store;

/// <summary>
/// A run lists each cell (workload, variant, engine) once. Outcomes has no primary key since schema 8
/// (its index cost more than the rest of a bulk insert), so this is checked inside the storing
/// transaction, over the rows just inserted: one grouped scan instead of an index kept for ever.
/// A cell listed twice fails the transaction, which then stores nothing.
/// </summary>
internal static class UniqueCells
{
    /// <summary>Throws a StoreException naming the first repeated cell of the runs; <paramref name="source"/> names the file a run's cells came from, when there is one.</summary>
    /// <param name="runIds">The runs to check; null: every row of outcomes (all of them were inserted by this transaction).</param>
    public static void Require(DuckDBConnection connection, IReadOnlyList<string>? runIds, Func<string, string?> source)
    {
        if (runIds is { Count: 0 }) return;
        // The runs' ids are a list parameter, never SQL text (a semi-join, not a scan of the list per row);
        // only the runs just inserted are grouped.
        var only = runIds is null ? "" : "WHERE run_id IN (SELECT unnest($ids::VARCHAR[]))";
        // Grouping one 64-bit hash per row costs half of grouping the four strings, and a cell listed twice has
        // the same hash twice: no repeated hash, no repeated cell. A repeated hash (a repeat, or a collision)
        // is settled by the exact grouping.
        if (!Any(connection, runIds, $"SELECT hash(run_id, workload, variant, engine_id) AS cell FROM outcomes {only} GROUP BY cell HAVING count(*) > 1 LIMIT 1"))
            return;
        using var cmd = Command(connection, runIds, $"SELECT run_id, workload, variant, engine_id FROM outcomes {only} GROUP BY ALL HAVING count(*) > 1 LIMIT 1");
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return;
        string Text(int i) => r.IsDBNull(i) ? "(none)" : r.GetString(i);
        var run = Text(0);
        var file = source(run) is { } f ? f + ": " : "";
        throw new StoreException($"{file}run {run} lists the cell {Text(1)}/{Text(2)} on {Text(3)} twice; nothing was stored", null, StoreProblem.Other);
    }

    private static bool Any(DuckDBConnection connection, IReadOnlyList<string>? runIds, string sql)
    {
        using var cmd = Command(connection, runIds, sql);
        using var r = cmd.ExecuteReader();
        return r.Read();
    }

    private static DuckDBCommand Command(DuckDBConnection connection, IReadOnlyList<string>? runIds, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        if (runIds is not null) cmd.Parameters.Add(new DuckDBParameter("ids", runIds.ToList()));
        return cmd;
    }
}
