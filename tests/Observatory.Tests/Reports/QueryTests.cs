using System.Text.Json;
using Observatory.Reports.Query;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>StoreQuery and its formats over a real DuckDB file filled by the real store code.</summary>
public class QueryTests
{
    private static string Format(QueryResult result, string format)
    {
        var w = new StringWriter();
        ResultFormatters.Find(format)!.Write(result, w);
        return w.ToString();
    }

    private static QueryResult Run(string db, string sql)
    {
        using var q = StoreQuery.Open(db);
        return q.Run(sql);
    }

    [Fact]
    public void Table_aligns_numbers_right_and_shows_null_as_empty()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, "SELECT * FROM (VALUES (1, 'x', 1.5::DOUBLE), (100, NULL, NULL)) t(n, name, ratio) ORDER BY n");
        Assert.Equal(["INTEGER", "VARCHAR", "DOUBLE"], result.Columns.Select(c => c.Type));
        Assert.Equal("""
              n  name  ratio
            ---  ----  -----
              1  x       1.5
            100
            (2 rows)

            """.ReplaceLineEndings("\n"), Format(result, "table").ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Csv_quotes_commas_quotes_and_newlines_and_keeps_null_apart_from_empty()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, """SELECT 'a,b' AS "c,1", 'say "hi"' AS c2, 'line1' || chr(10) || 'line2' AS c3, '' AS empty, NULL AS nothing, 2.5::DOUBLE AS d""");
        Assert.Equal("\"c,1\",c2,c3,empty,nothing,d\n\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\",,2.5\n", Format(result, "csv"));
    }

    [Fact]
    public void Json_is_an_array_of_row_objects_with_typed_values()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, """
            SELECT * FROM (VALUES
              (1::BIGINT, 2.5::DOUBLE, 'x', NULL::VARCHAR, true, TIMESTAMP '2026-01-02 03:04:05.5', 12.50::DECIMAL(5,2), [1, 2]),
              (2::BIGINT, NULL, 'y"z', 'w', false, TIMESTAMP '2026-01-02 03:04:05', NULL, [])
            ) t(i, d, s, n, b, ts, m, l) ORDER BY i
            """);
        var text = Format(result, "json");
        Assert.Equal("""
            [
              {"i":1,"d":2.5,"s":"x","n":null,"b":true,"ts":"2026-01-02T03:04:05.5","m":12.50,"l":[1,2]},
              {"i":2,"d":null,"s":"y\"z","n":"w","b":false,"ts":"2026-01-02T03:04:05","m":null,"l":[]}
            ]

            """.ReplaceLineEndings("\n"), text);
        using var doc = JsonDocument.Parse(text);
        var first = doc.RootElement[0];
        Assert.Equal(JsonValueKind.Number, first.GetProperty("i").ValueKind);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("m").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("n").ValueKind);
        Assert.Equal(JsonValueKind.True, first.GetProperty("b").ValueKind);
        Assert.Equal("[]\n", Format(Run(db, "SELECT 1 AS x WHERE false"), "json"));
    }

    [Fact]
    public void Latest_cells_are_the_cells_of_the_run_started_last()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, "SELECT run_id, started_utc, label, workload, variant, engine_id, outcome, samples, median_ns, ci_low_ns, ci_high_ns, ratio_to_native, ratio_ci_low, ratio_ci_high, message FROM latest_cells ORDER BY engine_id");
        Assert.Equal("""
            run_id,started_utc,label,workload,variant,engine_id,outcome,samples,median_ns,ci_low_ns,ci_high_ns,ratio_to_native,ratio_ci_low,ratio_ci_high,message
            r3,2026-01-02T05:04:05,latest,sum,O2,native,ok,3,900001,900000,900002,1,1,1,
            r3,2026-01-02T05:04:05,latest,sum,O2,wasmtime-50.0.1/cranelift,ok,6,1400010,1400000,1400020,1.5555,1.55,1.56,

            """.ReplaceLineEndings("\n"), Format(result, "csv"));
    }

    [Fact]
    public void Engine_workload_ratios_hold_completed_wasm_cells_of_every_run_and_the_geomeans_the_latest()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        // r2's wasm cell trapped and native cells are 1 by definition: neither is in the matrix.
        var ratios = Run(db, "SELECT run_id, workload, variant, engine_id, ratio_to_native, ratio_ci_low, ratio_ci_high FROM engine_workload_ratios ORDER BY run_id");
        Assert.Equal("""
            run_id,workload,variant,engine_id,ratio_to_native,ratio_ci_low,ratio_ci_high
            r1,sum,O2,wasmtime-50.0.1/cranelift,1.5555,1.55,1.56
            r3,sum,O2,wasmtime-50.0.1/cranelift,1.5555,1.55,1.56

            """.ReplaceLineEndings("\n"), Format(ratios, "csv"));
        var means = Run(db, "SELECT run_id, engine_id, cells, round(geomean_ratio, 6) AS geomean, min_ratio, max_ratio FROM latest_engine_geomeans");
        Assert.Equal("""
            run_id,engine_id,cells,geomean,min_ratio,max_ratio
            r3,wasmtime-50.0.1/cranelift,1,1.5555,1.5555,1.5555

            """.ReplaceLineEndings("\n"), Format(means, "csv"));
    }

    [Fact]
    public void Conformance_by_engine_feature_takes_the_latest_run_of_each_suite()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, "SELECT * FROM conformance_by_engine_feature ORDER BY suite, feature");
        Assert.Equal("""
            suite,run_id,revision,engine,feature,total,passed,failed,skipped,pass_pct
            spec,c2,rev-c2,eng-a,core,4,3,0,1,100
            spec,c2,rev-c2,eng-a,simd,1,0,1,0,0
            wasi,w1,rev-w1,eng-a,core,2,2,0,0,100

            """.ReplaceLineEndings("\n"), Format(result, "csv"));
    }

    [Theory]
    [InlineData("INSERT INTO runs (run_id) VALUES ('x')")]
    [InlineData("UPDATE runs SET label = 'x'")]
    [InlineData("DELETE FROM outcomes")]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM outcomes")]
    [InlineData("CREATE TABLE t AS SELECT 1")]
    [InlineData("CREATE TEMP TABLE t AS SELECT 1")]
    [InlineData("DROP VIEW latest_cells")]
    [InlineData("ALTER TABLE runs ADD COLUMN x INTEGER")]
    [InlineData("COPY runs TO '{dir}/runs.csv'")]
    [InlineData("EXPLAIN ANALYZE COPY runs TO '{dir}/runs.csv'")]
    [InlineData("EXPORT DATABASE '{dir}/export'")]
    [InlineData("ATTACH '{dir}/other.duckdb' AS other")]
    [InlineData("INSTALL httpfs")]
    [InlineData("LOAD httpfs")]
    [InlineData("SET threads = 1")]
    [InlineData("PRAGMA force_checkpoint")]
    [InlineData("CHECKPOINT")]
    [InlineData("SELECT 1; DROP TABLE runs")]
    [InlineData("  -- looks harmless\n  VACUUM")]
    public void A_statement_that_writes_is_refused_and_the_file_is_unchanged(string statement)
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var before = QueryStore.Hash(db);
        var entries = Directory.GetFileSystemEntries(dir.Path).Order().ToArray();
        using (var q = StoreQuery.Open(db))
        {
            var e = Assert.Throws<QueryException>(() => q.Run(statement.Replace("{dir}", dir.Path)));
            Assert.StartsWith("the store is read-only here: ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        Assert.Equal(before, QueryStore.Hash(db));
        Assert.Equal(entries, Directory.GetFileSystemEntries(dir.Path).Order().ToArray());
    }

    [Theory]
    [InlineData("DESCRIBE runs", 11)]
    [InlineData("SHOW TABLES", null)]
    [InlineData("SUMMARIZE outcomes", null)]
    [InlineData("FROM runs", 3)]
    [InlineData("WITH r AS (SELECT * FROM runs) SELECT * FROM r", 3)]
    [InlineData("EXPLAIN SELECT * FROM latest_cells", null)]
    [InlineData("-- the runs\nSELECT run_id FROM runs;", 3)]
    public void Statements_that_only_read_run(string statement, int? rows)
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var result = Run(db, statement);
        Assert.NotEmpty(result.Rows);
        if (rows is not null) Assert.Equal(rows, result.Rows.Count);
    }

    [Fact]
    public void An_older_file_without_the_views_gets_them_for_the_session_only()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        using (var store = ObservatoryStore.Open(db))
            foreach (var v in NamedViews.All.Reverse()) store.Execute($"DROP VIEW {v.Name}");
        var before = QueryStore.Hash(db);
        Assert.Equal(2, Run(db, "SELECT * FROM latest_cells").Rows.Count);
        Assert.Equal(3, Run(db, "SELECT * FROM conformance_by_engine_feature").Rows.Count);
        Assert.Equal(before, QueryStore.Hash(db));
        // The next write-open puts them back in the file.
        using (var store = ObservatoryStore.Open(db))
        {
            ConformanceStore.EnsureSchema(store);
            Assert.Equal(NamedViews.All.Count, store.Scalar<long>(
                $"SELECT count(*) FROM duckdb_views() WHERE NOT temporary AND view_name IN ({string.Join(", ", NamedViews.All.Select(v => $"'{v.Name}'"))})"));
        }
    }

    [Fact]
    public void A_file_without_conformance_tables_has_no_conformance_view_and_says_so()
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("bench-only.duckdb");
        using (var store = ObservatoryStore.Open(db)) store.Ingest(SampleRuns.Make("r1"));
        using var q = StoreQuery.Open(db);
        Assert.Single(q.Run("SELECT * FROM latest_engine_geomeans").Rows);
        var e = Assert.Throws<QueryException>(() => q.Run("SELECT * FROM conformance_by_engine_feature"));
        Assert.StartsWith("Catalog Error: Table with name conformance_by_engine_feature does not exist", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Sql_errors_are_one_line_from_duckdb()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        using var q = StoreQuery.Open(db);
        Assert.Equal("Parser Error: syntax error at or near \"SELEC\"", Assert.Throws<QueryException>(() => q.Run("SELEC 1")).Message);
        Assert.Equal("Catalog Error: Table with name nosuch does not exist!", Assert.Throws<QueryException>(() => q.Run("SELECT * FROM nosuch")).Message);
        Assert.Equal("give one statement at a time; the SQL holds 2", Assert.Throws<QueryException>(() => q.Run("SELECT 1; SELECT 2")).Message);
        Assert.Equal("the SQL holds no statement (only comments?)", Assert.Throws<QueryException>(() => q.Run("-- nothing")).Message);
    }

    [Fact]
    public void The_catalog_lists_every_table_and_view_with_what_it_holds()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        using var q = StoreQuery.Open(db);
        var catalog = q.Catalog();
        Assert.Equal(["name", "kind", "rows", "holds"], catalog.Columns.Select(c => c.Name));
        var names = catalog.Rows.Select(r => (string)r[0]!).ToList();
        Assert.Equal(StoreCatalog.Descriptions.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.All(catalog.Rows, r => Assert.False(string.IsNullOrEmpty((string?)r[3]), $"{r[0]} has no description"));
        Assert.Equal("view", catalog.Rows.Single(r => (string)r[0]! == "latest_cells")[1]);
        Assert.Equal(3L, catalog.Rows.Single(r => (string)r[0]! == "runs")[2]);
    }
}
