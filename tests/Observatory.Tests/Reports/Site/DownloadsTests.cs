using DuckDB.NET.Data;
using Observatory.Reports.Site;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports.Site;

/// <summary>downloads.html: every table of the store as Parquet and CSV with the same rows, and the schema's documentation beside them.</summary>
public class DownloadsTests
{
    [Fact]
    public void Every_table_is_downloadable_as_parquet_and_csv_with_its_rows_and_the_schema_doc()
    {
        using var dir = new TempDirectory();
        var site = dir.Combine("site");
        List<string> tables;
        using (var store = ObservatoryStore.Open(dir.Combine("o.duckdb")))
        {
            store.Ingest(SampleRuns.Make("one", "<script>alert(1)</script>"));
            store.Ingest(SampleRuns.WithRegions("two") with { StartedUtc = DateTimeOffset.UtcNow.AddMinutes(5) });
            SiteRenderer.Render(store, site);
            tables = store.Query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").Select(r => (string)r["table_name"]!).ToList();
        }
        var page = File.ReadAllText(Path.Combine(site, "downloads.html"));
        Assert.Contains("href=\"downloads/schema.md\"", page);
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "docs", "schema.md")), File.ReadAllText(Path.Combine(site, "downloads", "schema.md")));
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        long Count(string from)
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM {from}";
            return Convert.ToInt64(cmd.ExecuteScalar());
        }
        Assert.Contains("samples", tables);
        foreach (var t in tables)
        {
            Assert.Contains($"href=\"downloads/{t}.parquet\"", page);
            Assert.Contains($"href=\"downloads/{t}.csv\"", page);
            var parquet = Count($"read_parquet('{Path.Combine(site, "downloads", t + ".parquet")}')");
            Assert.Equal(parquet, Count($"read_csv('{Path.Combine(site, "downloads", t + ".csv")}', header = true)"));
        }
        Assert.Equal(24L, Count($"read_parquet('{Path.Combine(site, "downloads", "samples.parquet")}')"));
        // A label holding markup is data in the CSV, never markup on the page.
        Assert.Contains("<script>alert(1)</script>", File.ReadAllText(Path.Combine(site, "downloads", "runs.csv")));
        Assert.Empty(SiteLinks.Dangling(site));
    }
}
