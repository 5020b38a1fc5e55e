using DuckDB.NET.Data;

namespace Observatory.Reports.Store;

/// <summary>
/// Reads every column of every table, so DuckDB checks the checksum of every block on its way in
/// from disk. `count(*)` alone is not enough: it is answered from metadata and passes a file whose
/// data blocks are damaged. Run by `observatory check` and before every write.
/// </summary>
public static class StoreVerifier
{
    public sealed record TableCheck(string Table, long Rows);

    public static IReadOnlyList<TableCheck> Verify(DuckDBConnection connection, string path)
    {
        try
        {
            var tables = new List<string>();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name";
                using var r = cmd.ExecuteReader();
                while (r.Read()) tables.Add(r.GetString(0));
            }
            var checks = new List<TableCheck>();
            foreach (var table in tables)
            {
                using var cmd = connection.CreateCommand();
                // hash(row) touches every column of every row: every data block is read and checksummed.
                cmd.CommandText = $"SELECT count(*), sum(hash(row)) FROM \"{table.Replace("\"", "\"\"")}\" AS row";
                using var r = cmd.ExecuteReader();
                r.Read();
                checks.Add(new TableCheck(table, r.GetInt64(0)));
            }
            return checks;
        }
        catch (DuckDBException e)
        {
            throw StoreFailure.Explain(path, e);
        }
    }
}
