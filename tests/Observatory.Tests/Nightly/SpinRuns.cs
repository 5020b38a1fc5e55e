using System.Globalization;
using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// Three real runs of one ad-hoc workload on Wasmtime, stored in one DuckDB file with their bundles:
/// two of the fast build (identical work) and then one of a build doing four times the work. Made once
/// for every test of the class: a run starts real engine processes, which is the slow part.
/// </summary>
public sealed class SpinRuns : IDisposable
{
    public TempDirectory Dir { get; } = new();
    public string Root { get; }
    public string Database { get; }
    public string Fast1 { get; }
    public string Fast2 { get; }
    public string Slow { get; }

    public SpinRuns()
    {
        Root = MeasurementFixture.NewRepository(Dir);
        Database = Dir.Combine("o.duckdb");
        var fast = SpinModule.Build(Dir.Combine("fast"), 3_000_000);
        var slow = SpinModule.Build(Dir.Combine("slow"), 12_000_000);
        Fast1 = Run(fast);
        Fast2 = Run(fast);
        Slow = Run(slow);
    }

    private string Run(string wasm)
    {
        var r = MeasurementFixture.Cli(Root, "run", "--wasm", wasm, "--engines", "wasmtime-*/cranelift", "--db", Database, "--no-overhead",
            "--min-processes", "1", "--max-processes", "1", "--iterations", "12", "--json");
        Assert.True(r.ExitCode == 0, r.Error);
        return (string)JsonNode.Parse(r.Out)!["runId"]!;
    }

    public string Bundle(string runId) => Dir.Combine("runs", runId);

    /// <summary>
    /// A copy of a real run's bundle filed as another night: a new run id and start <paramref name="days"/> later,
    /// the measurements untouched. How a test gets a month of nightlies out of two real runs.
    /// </summary>
    public static string Night(string bundle, string into, int days, string id)
    {
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "run.json")))!;
        string Shift(string field) => DateTimeOffset.Parse((string)doc[field]!, CultureInfo.InvariantCulture).AddDays(days).ToString("O", CultureInfo.InvariantCulture);
        doc["startedUtc"] = Shift("startedUtc");
        doc["finishedUtc"] = Shift("finishedUtc");
        doc["runId"] = id;
        var dir = Path.Combine(into, id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "run.json"), doc.ToJsonString());
        return dir;
    }

    public void Dispose() => Dir.Dispose();
}

/// <summary>The test classes that share one set of <see cref="SpinRuns"/> (made once: real runs are slow).</summary>
[CollectionDefinition(Name)]
public sealed class SpinRunsCollection : ICollectionFixture<SpinRuns>
{
    public const string Name = "spin runs";
}
