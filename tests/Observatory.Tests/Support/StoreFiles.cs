using System.Security.Cryptography;
using DuckDB.NET.Data;
using Observatory.Reports.Store;

namespace Observatory.Tests.Support;

/// <summary>Real store files for the failure tests: filled with runs, hashed, and damaged byte by byte.</summary>
public static class StoreFiles
{
    /// <summary>DuckDB's file starts with a main header and two database headers of 4 KiB each; block N follows at 12288 + N * block size.</summary>
    public const long HeadersBytes = 3 * 4096;

    public static string WithRuns(string path, int runs)
    {
        using var store = ObservatoryStore.Open(path);
        for (var i = 1; i <= runs; i++) Assert.True(store.Ingest(SampleRuns.Make($"run-{i}", "main")));
        return path;
    }

    public static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    public static void Overwrite(string path, long offset, int count)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Write);
        f.Seek(offset, SeekOrigin.Begin);
        f.Write(Enumerable.Range(0, count).Select(i => (byte)(0xA5 ^ i)).ToArray());
    }

    /// <summary>The file offset of a block holding <paramref name="table"/>'s column data (not metadata), read from DuckDB's own storage info.</summary>
    public static long DataBlockOffset(string path, string table)
    {
        using var conn = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT (SELECT block_size FROM pragma_database_size()), min(block_id) FROM pragma_storage_info('{table}') WHERE persistent AND block_id >= 0";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.False(r.IsDBNull(1), $"{table} has no persistent data block in {path}");
        return HeadersBytes + Convert.ToInt64(r.GetValue(1)) * Convert.ToInt64(r.GetValue(0));
    }
}
