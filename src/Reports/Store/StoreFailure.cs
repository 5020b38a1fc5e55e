using System.Text.RegularExpressions;

namespace Observatory.Reports.Store;

/// <summary>
/// Turns DuckDB's errors into one line naming the file, the cause and the remedy. Each cause is
/// matched by DuckDB's own phrase for it (provoked and checked with DuckDB 1.5), never by a loose
/// substring: "lock" alone also matches "block" in a checksum error.
/// </summary>
public static partial class StoreFailure
{
    public static StoreException Explain(string path, Exception e)
    {
        if (e is StoreException s) return s;
        var m = FirstLine(e.Message);
        var holder = ConflictingLock().Match(m);
        if (m.Contains("Could not set lock on file", StringComparison.Ordinal) || holder.Success)
        {
            var who = holder.Success ? $" ({holder.Groups[1].Value.Trim()}, PID {holder.Groups[2].Value})" : "";
            return new StoreException($"database {path} is locked by another process{who}; wait for it to finish or use --db to pick another file", e, StoreProblem.Locked);
        }
        if (m.Contains("Corrupt database file", StringComparison.Ordinal))
            return Corrupt(path, Checksum().Match(m) is { Success: true } c ? $"checksum mismatch in the block at byte {c.Groups[1].Value}" : m, e);
        if (m.Contains("not a valid DuckDB database file", StringComparison.Ordinal))
            return new StoreException($"database {path} is not a DuckDB database file; it was not modified. Use --db with a file `observatory run` wrote, or move it aside", e, StoreProblem.NotADatabase);
        if (m.Contains("No space left on device", StringComparison.Ordinal))
            return new StoreException($"database {path}: the disk is full (No space left on device); nothing of this write was stored. Free space and retry", e, StoreProblem.Full);
        if (m.Contains("Read-only file system", StringComparison.Ordinal) || m.Contains("Permission denied", StringComparison.Ordinal) || e is UnauthorizedAccessException)
            return new StoreException($"database {path} cannot be written ({Cause(m)}); use --db to pick a writable file", e, StoreProblem.ReadOnly);
        if (m.Contains("database does not exist", StringComparison.Ordinal) || m.Contains("No such file or directory", StringComparison.Ordinal))
            return Missing(path);
        return new StoreException($"cannot use database {path}: {m}", e);
    }

    public static StoreException Corrupt(string path, string detail, Exception? e = null) =>
        new($"database {path} is corrupt ({detail}); nothing was written to it. Keep a copy, then restore a backup or move it aside and `observatory ingest` the run bundles again", e, StoreProblem.Corrupt);

    public static StoreException Missing(string path) =>
        new($"database {path} does not exist (reading commands never create one): check --db, or `observatory run` first", null, StoreProblem.Missing);

    /// <summary>DuckDB's first line without its "DuckDBOpen failed: IO Error: " prefixes and documentation link.</summary>
    public static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        line = Prefix().Replace(line, "");
        var see = line.IndexOf(" See also ", StringComparison.Ordinal);
        return see > 0 ? line[..see] : line;
    }

    private static string Cause(string m) => m.Contains("Read-only file system", StringComparison.Ordinal) ? "read-only file system" : "permission denied";

    [GeneratedRegex(@"Conflicting lock is held in (.+?) \(PID (\d+)\)")]
    private static partial Regex ConflictingLock();

    [GeneratedRegex(@"in block at location (\d+)")]
    private static partial Regex Checksum();

    [GeneratedRegex(@"^(DuckDBOpen failed: )?([A-Za-z]+ Error: )*")]
    private static partial Regex Prefix();
}
