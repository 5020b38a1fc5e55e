using System.Globalization;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Downloads;

/// <summary>
/// The whole store as files anyone can load without the observatory: every table as Parquet and as
/// CSV (DuckDB's COPY, so the types and values are the store's own), under DIR/downloads/.
/// </summary>
public static class StoreExport
{
    public const string Directory = "downloads";

    public sealed record ExportedTable(string Table, long Rows, string ParquetFile, long ParquetBytes, string CsvFile, long CsvBytes);

    public static IReadOnlyList<ExportedTable> Write(ObservatoryStore store, string outDirectory)
    {
        var dir = Core.Naming.ResultsPaths.EnsureUnder(outDirectory, Path.Combine(outDirectory, Directory));
        System.IO.Directory.CreateDirectory(dir);
        var tables = store.Query("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' ORDER BY table_name")
            .Select(r => (string)r["table_name"]!).ToList();
        var written = new List<ExportedTable>();
        foreach (var t in tables)
        {
            // Table names come from the catalog, not from a user; quoting keeps odd ones harmless anyway.
            var quoted = "\"" + t.Replace("\"", "\"\"") + "\"";
            var parquet = Path.Combine(dir, t + ".parquet");
            var csv = Path.Combine(dir, t + ".csv");
            store.Execute($"COPY {quoted} TO '{Escape(parquet)}' (FORMAT parquet, COMPRESSION zstd)");
            store.Execute($"COPY {quoted} TO '{Escape(csv)}' (FORMAT csv, HEADER true)");
            var rows = store.Scalar<long>($"SELECT count(*) FROM {quoted}");
            written.Add(new ExportedTable(t, rows, $"{Directory}/{t}.parquet", new FileInfo(parquet).Length, $"{Directory}/{t}.csv", new FileInfo(csv).Length));
        }
        return written;
    }

    private static string Escape(string path) => path.Replace("'", "''");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
