using DuckDB.NET.Data;

namespace Observatory.Reports.Bundles;

/// <summary>
/// The Parquet copies of many bundles, checked together from their footers (two queries for any number
/// of bundles, not one per file) before `ingest` stores their rows straight from them: every file
/// readable, its rows all of the bundle's own run (the run_id column's statistics), as many rows as
/// run.json lists where it was counted, and its columns exactly the store table's. Copies of another
/// schema (bundles written by an older observatory) are not an error: such a bundle is stored from
/// its run.json, as before.
/// </summary>
public static class ParquetCopies
{
    internal sealed record FileFacts(long Rows, HashSet<string> Columns, List<RunIdStatistics> RunIds);

    internal sealed record RunIdStatistics(string? Min, string? Max, long? Nulls);

    /// <summary>The footers of many bundles' copies, read before their run.json heads are known (see <see cref="ReadAhead"/>).</summary>
    public sealed class Footers
    {
        internal Footers(Dictionary<string, FileFacts> facts) => Facts = facts;

        internal Dictionary<string, FileFacts> Facts { get; }
    }

    /// <summary>
    /// Reads the footers of every copy in <paramref name="bundleDirectories"/> at once, so it can run while
    /// their run.json heads are read (neither needs the other). Null when any file could not be read: the
    /// check of <see cref="Usable"/> then reads the files of the usable heads alone and names the damaged
    /// one, exactly as without the read-ahead (a run.json that is itself broken is reported first).
    /// </summary>
    public static Footers? ReadAhead(IReadOnlyList<string> bundleDirectories)
    {
        var files = bundleDirectories.SelectMany(d => RunBundle.ParquetFiles.Select(f => Path.Combine(d, f))).Distinct(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return null;
        using var conn = Connect();
        try { return new Footers(Read(conn, files, nameDamaged: false)); }
        catch (DuckDBException) { return null; }
    }

    /// <summary>
    /// The headers whose copies can be stored as they are, each with the store tables its copies hold no rows
    /// of (their footers say so: loading them would only cost opening them); a damaged or disagreeing copy is
    /// an InvalidDataException naming its file.
    /// </summary>
    public static IReadOnlyDictionary<BundleHeader, IReadOnlySet<string>> Usable(IReadOnlyList<BundleHeader> headers, Footers? ahead = null)
    {
        var usable = new Dictionary<BundleHeader, IReadOnlySet<string>>(ReferenceEqualityComparer.Instance);
        if (headers.Count == 0) return usable;
        using var conn = Connect();
        var tables = TableColumns(conn);
        // Each file once: a bundle given twice must not have its row groups counted twice.
        var files = headers.SelectMany(h => RunBundle.ParquetFiles.Select(h.Parquet)).Distinct(StringComparer.Ordinal).ToList();
        // A file's facts do not depend on which other files were read with it: footers read ahead serve
        // whenever they cover every file here (a readable file always has facts: its schema's columns).
        var facts = ahead is not null && files.All(ahead.Facts.ContainsKey) ? ahead.Facts : Read(conn, files, nameDamaged: true);
        foreach (var header in headers)
        {
            if (!RunBundle.ParquetFiles.All(f => facts.TryGetValue(header.Parquet(f), out var file) && file.Columns.SetEquals(tables[Table(f)])))
                continue;
            Expect(header.Parquet("samples.parquet"), facts, header.Samples);
            Expect(header.Parquet("outcomes.parquet"), facts, header.Cells);
            Expect(header.Parquet("regions.parquet"), facts, header.Run.Regions.Count);
            foreach (var f in RunBundle.ParquetFiles) OfRun(conn, header.Parquet(f), facts[header.Parquet(f)], header.Run.RunId);
            usable.Add(header, RunBundle.ParquetFiles.Where(f => facts[header.Parquet(f)].Rows == 0).Select(Table).ToHashSet(StringComparer.Ordinal));
        }
        return usable;
    }

    /// <summary>The store table a copy holds the rows of: samples.parquet holds table samples.</summary>
    public static string Table(string parquetFile) => Path.GetFileNameWithoutExtension(parquetFile);

    private static Dictionary<string, HashSet<string>> TableColumns(DuckDBConnection conn)
    {
        foreach (var sql in Store.Schema.Statements) Execute(conn, sql);
        var tables = RunBundle.ParquetFiles.Select(Table).ToDictionary(t => t, _ => new HashSet<string>(StringComparer.Ordinal));
        using var cmd = conn.CreateCommand();
        cmd.CommandText = "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'main'";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            if (tables.TryGetValue(r.GetString(0), out var columns)) columns.Add(r.GetString(1));
        return tables;
    }

    private static DuckDBConnection Connect()
    {
        var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        // A damaged file is looked for file by file after the footer pass failed: with the cache, a good footer is parsed once.
        Execute(conn, "SET parquet_metadata_cache = true");
        return conn;
    }

    private static Dictionary<string, FileFacts> Read(DuckDBConnection conn, IReadOnlyList<string> files, bool nameDamaged)
    {
        var list = "[" + string.Join(", ", files.Select(f => $"'{RunBundle.Escape(f)}'")) + "]";
        var facts = new Dictionary<string, FileFacts>(StringComparer.Ordinal);
        FileFacts Of(string file) => facts.TryGetValue(file, out var f) ? f : facts[file] = new FileFacts(0, new HashSet<string>(StringComparer.Ordinal), []);
        try
        {
            // One footer pass: a row per column chunk of every row group gives the file's columns (its chunks'
            // paths), its rows (the sum of its row groups', counted at each group's first column) and each row
            // group's run_id statistics. Only a file without row groups has no such row: its columns come from
            // its schema, read for those files alone (the second pass over every file cost as much as the first).
            using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = $"SELECT file_name, path_in_schema, column_id, row_group_num_rows, stats_min_value, stats_max_value, stats_null_count FROM parquet_metadata({list})";
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    var file = r.GetString(0);
                    var column = r.GetString(1);
                    var fact = Of(file);
                    fact.Columns.Add(column);
                    if (r.GetInt64(2) == 0) facts[file] = fact with { Rows = fact.Rows + r.GetInt64(3) };
                    if (column == "run_id")
                        fact.RunIds.Add(new RunIdStatistics(r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetInt64(6)));
                }
            }
            // The root of a Parquet schema is a group (children > 0); the columns are its leaves. Every file
            // that can be read has a schema, so each gets its facts here (rows 0: it has no row groups).
            var withoutRowGroups = files.Where(f => !facts.ContainsKey(f)).ToList();
            if (withoutRowGroups.Count > 0)
            {
                var rest = "[" + string.Join(", ", withoutRowGroups.Select(f => $"'{RunBundle.Escape(f)}'")) + "]";
                foreach (var (file, column) in Rows<string>(conn, $"SELECT file_name, name FROM parquet_schema({rest}) WHERE coalesce(num_children, 0) = 0"))
                    Of(file).Columns.Add(column);
            }
        }
        catch (DuckDBException) when (nameDamaged)
        {
            // One damaged file fails the whole query: find it, so the line names it.
            foreach (var f in files) BundleCheck.Rows(conn, f);
            throw;
        }
        return facts;
    }

    private static void Expect(string file, Dictionary<string, FileFacts> facts, long? listed)
    {
        if (listed is { } want && facts[file].Rows != want) throw BundleCheck.CountMismatch(file, facts[file].Rows, want);
    }

    /// <summary>Every row of the copy belongs to the run: a copy from another run would be stored under the wrong id.</summary>
    private static void OfRun(DuckDBConnection conn, string file, FileFacts facts, string runId)
    {
        if (facts.Rows == 0) return;
        var known = facts.RunIds.Count > 0 && facts.RunIds.All(s => s.Min is not null && s.Max is not null && s.Nulls is not null);
        if (known && facts.RunIds.All(s => s.Min == runId && s.Max == runId && s.Nulls == 0)) return;
        if (!known)
        {
            // No statistics (a writer that keeps none): read the column itself.
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM read_parquet('{RunBundle.Escape(file)}') WHERE run_id IS DISTINCT FROM $id";
            cmd.Parameters.Add(new DuckDBParameter("id", runId));
            if (Convert.ToInt64(cmd.ExecuteScalar()) == 0) return;
        }
        var other = facts.RunIds.Select(s => s.Min ?? s.Max).FirstOrDefault(id => id is not null && id != runId) ?? "another run";
        throw new InvalidDataException($"{file}: its rows are of run {other}, but run.json is run {runId}; the bundle was not stored");
    }

    private static IEnumerable<(string File, T Value)> Rows<T>(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<(string, T)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetFieldValue<T>(1)));
        return rows;
    }

    private static void Execute(DuckDBConnection conn, string sql)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
