using System.Text.Json;
using Observatory.Harness.Cli;
using Observatory.Tests.Support;

using Observatory.Tests.Measurement;

namespace Observatory.Tests.Harness;

/// <summary>`observatory query` through the real CLI entry point, over a database filled by the real store code.</summary>
public class QueryCommandTests
{
    private static (int Code, string Out, string Err) Cli(string root, params string[] args) =>
        MeasurementFixture.Cli(root, args) is var r ? (r.ExitCode, r.Out, r.Error) : default;

    [Fact]
    public void Query_prints_a_view_as_json_from_the_default_database()
    {
        using var dir = new TempDirectory();
        QueryStore.Seed(Directory.CreateDirectory(dir.Combine("results")).FullName, "observatory.duckdb");
        var (code, stdout, stderr) = Cli(dir.Path, "query", "SELECT engine_id, ratio_to_native, samples FROM latest_cells ORDER BY engine_id", "--format", "json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Equal("wasmtime-50.0.1/cranelift", doc.RootElement[1].GetProperty("engine_id").GetString());
        Assert.Equal(1.5555, doc.RootElement[1].GetProperty("ratio_to_native").GetDouble());
        Assert.Equal(6, doc.RootElement[1].GetProperty("samples").GetInt32());
    }

    [Fact]
    public void Query_prints_a_table_and_lists_the_schema()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var (code, stdout, stderr) = Cli(dir.Path, "query", "SELECT engine, feature, pass_pct FROM conformance_by_engine_feature WHERE suite = 'spec' ORDER BY feature", "--db", db);
        Assert.True(code == 0, stderr);
        Assert.Equal("engine  feature  pass_pct\n------  -------  --------\neng-a   core          100\neng-a   simd            0\n(2 rows)\n", stdout.ReplaceLineEndings("\n"));

        (code, stdout, stderr) = Cli(dir.Path, "query", "--list", "--db", db, "--format", "csv");
        Assert.True(code == 0, stderr);
        Assert.Contains("\nlatest_cells,view,,\"the cells of the latest run: workload,", stdout);
        Assert.Contains("\nruns,table,3,", stdout);

        // As a table, --list fits 100 columns: what each holds goes under its name, wrapped.
        (code, stdout, stderr) = Cli(dir.Path, "query", "--list", "--db", db);
        Assert.True(code == 0, stderr);
        Assert.All(stdout.Split('\n'), l => Assert.True(l.Length <= 100, l));
        Assert.Matches(@"(?m)^runs +table, 3 rows\n    benchmark runs: ", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_write_is_refused_in_one_line_and_the_file_is_unchanged()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var before = QueryStore.Hash(db);
        var (code, stdout, stderr) = Cli(dir.Path, "query", "DELETE FROM runs", "--db", db);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("observatory query: error: the store is read-only here: DELETE is refused; query runs one statement that only reads (SELECT, WITH, FROM, VALUES, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN)\n", stderr.ReplaceLineEndings("\n"));
        Assert.Equal(before, QueryStore.Hash(db));
    }

    [Fact]
    public void A_missing_database_is_named_and_not_created()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("nowhere", "o.duckdb");
        var (code, _, stderr) = Cli(dir.Path, "query", "SELECT 1", "--db", db);
        Assert.Equal(1, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains(db, stderr);
        Assert.Contains("observatory run", stderr);
        Assert.False(File.Exists(db));
        Assert.False(Directory.Exists(dir.Combine("nowhere")));
    }

    [Fact]
    public void Sql_errors_are_one_line_and_bad_usage_exits_2()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var (code, _, stderr) = Cli(dir.Path, "query", "SELECT nope FROM runs", "--db", db);
        Assert.Equal(1, code);
        Assert.StartsWith("observatory query: error: Binder Error: Referenced column \"nope\" not found", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));

        Assert.Equal(2, Cli(dir.Path, "query", "  ", "--db", db).Code);
        Assert.Equal(2, Cli(dir.Path, "query", "--db", db).Code);
        Assert.Equal(2, Cli(dir.Path, "query", "SELECT 1", "--format", "xml", "--db", db).Code);
        Assert.Equal(2, Cli(dir.Path, "query", "SELECT 1", "--list", "--db", db).Code);
    }

    [Fact]
    public void A_duckdb_file_that_is_not_a_store_is_named_in_one_line_and_left_alone()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("other.duckdb");
        using (var c = new DuckDB.NET.Data.DuckDBConnection($"Data Source={db}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE t AS SELECT 1 AS a";
            cmd.ExecuteNonQuery();
        }
        var before = QueryStore.Hash(db);
        var (code, _, stderr) = Cli(dir.Path, "query", "SELECT * FROM t", "--db", db);
        Assert.Equal(1, code);
        Assert.Equal($"observatory query: error: database {db} is a DuckDB file but not an observatory store (no schema_version table); use --db with a file `observatory run` wrote", stderr.TrimEnd());
        Assert.Equal(before, QueryStore.Hash(db));
    }
}
