using System.Text.Json;
using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Bundles;

/// <summary>
/// Everything `ingest` checks before it stores a bundle, so a malformed one is refused whole with
/// one line naming the file and the field: JSON that does not parse, null or missing fields
/// (`"samples": null`), values of the wrong type, and Parquet copies that are truncated or disagree
/// with run.json.
/// </summary>
public static class BundleCheck
{
    // The nullability annotations of the records are the contract: a null where none is allowed is an error, not a crash later.
    private static readonly JsonSerializerOptions Strict = new(RunJson.Options) { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    public static RunInfo Validate(string runJsonPath, string json)
    {
        RunInfo run;
        try
        {
            run = JsonSerializer.Deserialize<RunInfo>(json, Strict) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw Invalid(runJsonPath, e);
        }
        NoNullElements(runJsonPath, "$.samples", run.Samples);
        NoNullElements(runJsonPath, "$.cells", run.Cells);
        CheckRun(runJsonPath, run);
        CheckParquet(Path.GetDirectoryName(Path.GetFullPath(runJsonPath))!, run);
        return run;
    }

    /// <summary>
    /// The same checks on run.json without its cells and samples (see <see cref="RunJsonHead"/>): the
    /// head holds every other property as the file has it, so each is held to the same contract.
    /// </summary>
    internal static RunInfo ValidateHead(string runJsonPath, ReadOnlySpan<byte> head)
    {
        RunInfo run;
        try
        {
            run = JsonSerializer.Deserialize<RunInfo>(head, Strict) ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            throw Invalid(runJsonPath, e);
        }
        CheckRun(runJsonPath, run);
        return run;
    }

    private static InvalidDataException Invalid(string runJsonPath, JsonException e)
    {
        var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" field {e.Path}:";
        return new InvalidDataException($"{runJsonPath}: not a valid run bundle:{field} {FirstSentence(e.Message)}", e);
    }

    private static void CheckRun(string runJsonPath, RunInfo run)
    {
        NoNullElements(runJsonPath, "$.engines", run.Engines);
        NoNullElements(runJsonPath, "$.workloads", run.Workloads);
        NoNullElements(runJsonPath, "$.overheads", run.Overheads);
        NoNullElements(runJsonPath, "$.regions", run.Regions);
        if (string.IsNullOrWhiteSpace(run.RunId))
            throw new InvalidDataException($"{runJsonPath}: not a valid run bundle: field $.runId is empty");
    }

    private static void NoNullElements<T>(string file, string field, IReadOnlyList<T> items)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] is null) throw new InvalidDataException($"{file}: not a valid run bundle: field {field}[{i}] is null");
    }

    /// <summary>The Parquet copies are optional (a bundle kept on a full disk may be run.json alone), but present ones must be whole.</summary>
    private static void CheckParquet(string dir, RunInfo run)
    {
        var expected = new Dictionary<string, long> { ["samples.parquet"] = run.Samples.Count, ["outcomes.parquet"] = run.Cells.Count };
        using var conn = new DuckDBConnection("Data Source=:memory:");
        conn.Open();
        foreach (var name in RunBundle.ParquetFiles)
        {
            var file = Path.Combine(dir, name);
            if (!File.Exists(file)) continue;
            var rows = Rows(conn, file);
            if (expected.TryGetValue(name, out var want) && rows != want)
                throw CountMismatch(file, rows, want);
        }
    }

    /// <summary>A Parquet file's row count; a file DuckDB cannot read is one line naming it.</summary>
    internal static long Rows(DuckDBConnection conn, string file)
    {
        try
        {
            using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT count(*) FROM read_parquet('{RunBundle.Escape(file)}')";
            return Convert.ToInt64(cmd.ExecuteScalar());
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException($"{file}: not a readable Parquet file (truncated or damaged: {Store.StoreFailure.FirstLine(e.Message)}); the bundle was not stored", e);
        }
    }

    internal static InvalidDataException CountMismatch(string file, long rows, long want) =>
        new($"{file}: {rows} rows, but run.json has {want}; the bundle was not stored");

    private static string FirstSentence(string message)
    {
        var m = message.Split('\n')[0];
        var cut = m.IndexOf(" Path: ", StringComparison.Ordinal);
        return (cut > 0 ? m[..cut] : m).Trim();
    }
}
