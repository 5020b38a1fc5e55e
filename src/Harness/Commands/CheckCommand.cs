using Observatory.Harness.Cli;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// Verifies a database without changing it: opens it read-only, checks its schema version and reads
/// every table fully (so DuckDB checks every block's checksum); one line per table, exit 0 or 1.
/// </summary>
public sealed class CheckCommand
{
    public int Execute(string database, CommandContext context)
    {
        var full = Path.GetFullPath(database);
        IReadOnlyList<StoreVerifier.TableCheck> tables;
        int version;
        try
        {
            using var store = ObservatoryStore.Open(full, readOnly: true);
            tables = store.Verify();
            version = store.SchemaVersion;
        }
        catch (StoreException e)
        {
            context.Error.WriteLine($"observatory check: problem: {e.Message}");
            return 1;
        }
        var table = new TextTable("table", "rows read");
        foreach (var t in tables) table.Add(t.Table, t.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Write(context.Out);
        context.Out.WriteLine($"ok: {full}, schema version {version}, {tables.Count} tables read in full, every block's checksum verified");
        return 0;
    }
}
