using System.Text.RegularExpressions;
using Observatory.Harness.Cli;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Reports;

/// <summary>docs/schema.md describes every column of every table and view, with DuckDB's type, and nothing that is not there.</summary>
public partial class SchemaDocTests
{
    private sealed record DocColumn(string Relation, string Column, string Type);

    [Fact]
    public void Schema_doc_matches_a_fresh_database_column_for_column()
    {
        using var dir = new TempDirectory();
        List<DocColumn> actual;
        using (var store = ObservatoryStore.Open(dir.Combine("fresh.duckdb")))
        {
            ConformanceStore.EnsureSchema(store);
            actual = store.Query("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'main' ORDER BY table_name, ordinal_position
                """).Select(r => new DocColumn((string)r["table_name"]!, (string)r["column_name"]!, (string)r["data_type"]!)).ToList();
        }
        var documented = Parse(File.ReadAllLines(Path.Combine(Repo.Root, "docs", "schema.md")));

        var problems = new List<string>();
        foreach (var a in actual)
        {
            var d = documented.FirstOrDefault(x => x.Relation == a.Relation && x.Column == a.Column);
            if (d is null) problems.Add($"docs/schema.md lacks {a.Relation}.{a.Column} ({a.Type})");
            else if (d.Type != a.Type) problems.Add($"docs/schema.md types {a.Relation}.{a.Column} as {d.Type}; the database says {a.Type}");
        }
        foreach (var d in documented.Where(d => !actual.Any(a => a.Relation == d.Relation && a.Column == d.Column)))
            problems.Add($"docs/schema.md documents {d.Relation}.{d.Column}, which the database does not have");
        foreach (var dup in documented.GroupBy(d => (d.Relation, d.Column)).Where(g => g.Count() > 1))
            problems.Add($"docs/schema.md documents {dup.Key.Relation}.{dup.Key.Column} {dup.Count()} times");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_example_query_in_the_doc_runs()
    {
        using var dir = new TempDirectory();
        var db = QueryStore.Seed(dir.Path);
        var examples = File.ReadAllLines(Path.Combine(Repo.Root, "docs", "schema.md"))
            .Where(l => l.StartsWith("./observatory query", StringComparison.Ordinal)).ToList();
        Assert.True(examples.Count >= 4, "docs/schema.md should show at least four example queries");
        foreach (var example in examples)
        {
            var args = ShellWords(example["./observatory ".Length..]).Append("--db").Append(db).ToArray();
            var (o, e) = (new StringWriter(), new StringWriter());
            var code = CliApp.Run(args, new CommandContext { RepositoryRoot = dir.Path, Out = o, Error = e });
            Assert.True(code == 0, $"{example}: {e}");
            Assert.NotEqual("", o.ToString());
        }
    }

    /// <summary>Splits a shell line on spaces, keeping "double-quoted" words whole (the examples use no other quoting).</summary>
    private static IEnumerable<string> ShellWords(string line) =>
        Regex.Matches(line, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);

    [Fact]
    public void The_parser_reads_relation_headings_and_column_rows_only()
    {
        var parsed = Parse(
        [
            "## Tables", "### `runs` (table)", "Text with | pipes.", "| column | type | unit | meaning |", "|---|---|---|---|",
            "| `run_id` | VARCHAR | | the id |", "| `started_utc` | TIMESTAMP WITH TIME ZONE | UTC | when |",
            "## Examples", "| `not_a_column` | VARCHAR | | outside a relation |",
        ]);
        Assert.Equal([new DocColumn("runs", "run_id", "VARCHAR"), new DocColumn("runs", "started_utc", "TIMESTAMP WITH TIME ZONE")], parsed);
    }

    /// <summary>A "### `name`" heading opens a relation, any other heading closes it; "| `column` | TYPE | ..." rows inside it are its columns.</summary>
    private static List<DocColumn> Parse(IEnumerable<string> lines)
    {
        var columns = new List<DocColumn>();
        string? relation = null;
        foreach (var line in lines)
        {
            if (line.StartsWith('#'))
            {
                var h = Heading().Match(line);
                relation = h.Success ? h.Groups[1].Value : null;
                continue;
            }
            var row = ColumnRow().Match(line);
            if (relation is not null && row.Success)
                columns.Add(new DocColumn(relation, row.Groups[1].Value, row.Groups[2].Value.Trim()));
        }
        return columns;
    }

    [GeneratedRegex(@"^###\s+`([a-z0-9_]+)`")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\|\s*`([a-z0-9_]+)`\s*\|\s*([A-Z][A-Z0-9_ (),\[\]]*?)\s*\|")]
    private static partial Regex ColumnRow();
}
