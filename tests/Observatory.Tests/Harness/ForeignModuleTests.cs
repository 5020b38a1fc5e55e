using System.Text.Json.Nodes;
using Observatory.Collectors.Processes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// `run --wasm FILE|DIR|TREE` with modules the observatory did not build: Sightglass-layout
/// directories compiled by clang-22 in the test, run on Wasmtime (in-process worker) and Node (a
/// driver process); each test pins one defect of issue 16.
/// </summary>
[Collection(MeasurementProcesses.Name)]
public class ForeignModuleTests
{
    private const string Wasmtime = "wasmtime-*/cranelift";
    private const string Node = "node-20*/default";

    private static readonly string[] OneSample = ["--no-overhead", "--min-processes", "1", "--max-processes", "1", "--iterations", "1"];

    /// <summary>A benchmark directory: benchmark.c compiled to benchmark.wasm, plus the given files.</summary>
    private static string Benchmark(TempDirectory dir, string name, string source, params (string File, string Text)[] files)
    {
        var d = dir.Combine("benchmarks", name);
        Directory.CreateDirectory(d);
        File.WriteAllText(Path.Combine(d, "benchmark.c"), source);
        foreach (var (f, text) in files) File.WriteAllText(Path.Combine(d, f), text);
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "clang-22",
            Arguments = ["--target=wasm32-wasi", "-Wno-deprecated", "-O1", "--no-wasm-opt", "-o", Path.Combine(d, "benchmark.wasm"), Path.Combine(d, "benchmark.c")],
            Timeout = TimeSpan.FromMinutes(2),
        });
        Assert.True(r.ExitCode == 0, r.Stderr);
        return d;
    }

    private static string Run(string root, string db, string wasm, string engines, params string[] more)
    {
        var r = MeasurementFixture.Cli(root, ["run", "--wasm", wasm, "--engines", engines, "--db", db, .. OneSample, .. more]);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        return r.Out + r.Error;
    }

    private static JsonArray Cells(string root, string db, string wasm, string engines, params string[] more)
    {
        var r = MeasurementFixture.Cli(root, ["run", "--wasm", wasm, "--engines", engines, "--db", db, "--json", .. OneSample, .. more]);
        Assert.True(r.ExitCode == 0, r.Out + r.Error);
        return JsonNode.Parse(r.Out)!["cells"]!.AsArray();
    }

    private const string PrintsZero = """
        #include <stdio.h>
        int main(void) { printf("0\n"); return 0; }
        """;

    [Fact]
    public void The_repository_sightglass_benchmarks_all_run_right_from_one_command_on_wasmtime_and_node()
    {
        using var dir = new TempDirectory();
        var built = dir.Combine("sightglass");
        var b = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "bash", Arguments = [Path.Combine(Repo.Workloads, "sightglass", "build.sh"), built], Timeout = TimeSpan.FromMinutes(5),
        });
        Assert.True(b.ExitCode == 0, b.Stderr);
        var root = MeasurementFixture.NewRepository(dir);
        var cells = Cells(root, dir.Combine("o.duckdb"), built, $"{Wasmtime},{Node}");
        var names = Directory.GetDirectories(built).Select(d => "adhoc-" + Path.GetFileName(d)).Order().ToList();
        Assert.True(names.Count >= 10, string.Join(", ", names));
        Assert.Equal(names, cells.Select(c => (string)c!["workload"]!).Distinct().Order().ToList());
        Assert.Equal(names.Count * 2, cells.Count);
        Assert.All(cells, c => Assert.True((string?)c!["outcome"] == "ok", c!.ToJsonString()));
    }

    [Fact]
    public void Zero_and_a_newline_against_an_expected_zero_is_ok_by_lines_and_wrong_output_by_bytes_with_the_diff_stored()
    {
        using var dir = new TempDirectory();
        var bench = Benchmark(dir, "zero", PrintsZero, ("benchmark.stdout.expected", "0"));
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");

        var byLines = Assert.Single(Cells(root, db, bench, Wasmtime))!;
        Assert.Equal("adhoc-zero", (string?)byLines["workload"]);
        Assert.Equal("ok", (string?)byLines["outcome"]);

        var text = MeasurementFixture.Cli(root, ["run", "--wasm", bench, "--engines", Node, "--db", db, "--compare", "bytes", .. OneSample]);
        Assert.Contains("wrong-output", text.Out);
        Assert.Contains("actual ends with a newline; expected does not", text.Out);
        using var store = Observatory.Reports.Store.ObservatoryStore.Open(db, readOnly: true);
        var diff = store.Scalar<string>("SELECT output_diff FROM outcomes WHERE outcome = 'wrong-output'");
        Assert.StartsWith("--- expected stdout\n+++ actual stdout\n", diff);
    }

    [Fact]
    public void Stderr_is_checked_against_its_expected_file_and_a_mismatch_shows_the_differing_line()
    {
        using var dir = new TempDirectory();
        const string source = """
            #include <stdio.h>
            int main(void) { printf("result 42\n"); fprintf(stderr, "checked 7 cases\n"); return 0; }
            """;
        var right = Benchmark(dir, "right", source, ("benchmark.stdout.expected", "result 42\n"), ("benchmark.stderr.expected", "checked 7 cases\n"));
        var wrong = Benchmark(dir, "wrong", source, ("benchmark.stdout.expected", "result 42\n"), ("benchmark.stderr.expected", "checked 8 cases\n"));
        var root = MeasurementFixture.NewRepository(dir);
        var cells = Cells(root, dir.Combine("o.duckdb"), dir.Combine("benchmarks"), Wasmtime);
        Assert.Equal("ok", (string?)cells.Single(c => (string?)c!["workload"] == "adhoc-right")!["outcome"]);
        var bad = cells.Single(c => (string?)c!["workload"] == "adhoc-wrong")!;
        Assert.Equal("wrong-output", (string?)bad["outcome"]);
        Assert.Contains("stderr differs from benchmark.stderr.expected", (string?)bad["message"]);
        Assert.Contains("-checked 8 cases\n+checked 7 cases", (string?)bad["outputDiff"]);
        Assert.DoesNotContain("stdout", (string?)bad["outputDiff"]);
        _ = right; _ = wrong;
    }

    [Fact]
    public void A_trap_keeps_the_guest_stderr_tail_in_the_store_and_the_cli_output_on_both_engines()
    {
        using var dir = new TempDirectory();
        var bench = Benchmark(dir, "assert", """
            #include <stdio.h>
            int main(void) {
                for (int i = 0; i < 300; i++) fprintf(stderr, "padding line %d\n", i);
                fprintf(stderr, "assertion failed: checksum == 0x1234\n");
                __builtin_trap();
            }
            """, ("benchmark.stdout.expected", ""));
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");
        var output = Run(root, db, bench, $"{Wasmtime},{Node}");
        Assert.Contains("| assertion failed: checksum == 0x1234", output);
        var site = dir.Combine("site");
        var report = MeasurementFixture.Cli(root, "report", "--db", db, "--out", site);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains(Directory.GetFiles(site, "*.html"), f => File.ReadAllText(f).Contains("assertion failed: checksum == 0x1234"));
        using var store = Observatory.Reports.Store.ObservatoryStore.Open(db, readOnly: true);
        var rows = store.Query("SELECT engine_id, outcome, stderr_tail FROM outcomes ORDER BY engine_id");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("trap", r["outcome"]);
            var tail = (string)r["stderr_tail"]!;
            Assert.EndsWith("assertion failed: checksum == 0x1234", tail);
            Assert.True(tail.Length <= Observatory.Harness.Running.GuestOutput.TailBytes + 3, $"{tail.Length} characters kept");
        });
    }

    [Fact]
    public void Inputs_are_copied_into_the_preopened_root_and_two_benchmark_directories_are_two_workloads()
    {
        using var dir = new TempDirectory();
        const string reader = """
            #include <stdio.h>
            int main(void) {
                FILE *f = fopen("default.input", "r");
                if (!f) { perror("default.input"); return 1; }
                char line[64];
                while (fgets(line, sizeof line, f)) fputs(line, stdout);
                return 0;
            }
            """;
        Benchmark(dir, "first", reader, ("default.input", "one\n"), ("benchmark.stdout.expected", "one\n"));
        Benchmark(dir, "second", reader, ("default.input", "two\n"), ("benchmark.stdout.expected", "two\n"));
        var root = MeasurementFixture.NewRepository(dir);
        var cells = Cells(root, dir.Combine("o.duckdb"), dir.Combine("benchmarks"), Node);
        Assert.Equal(["adhoc-first", "adhoc-second"], cells.Select(c => (string)c!["workload"]!).Order().ToArray());
        Assert.All(cells, c => Assert.True((string?)c!["outcome"] == "ok", c!.ToJsonString()));
    }

    [Fact]
    public void Native_is_named_as_unable_to_run_a_foreign_module()
    {
        using var dir = new TempDirectory();
        var bench = Benchmark(dir, "zero", PrintsZero, ("benchmark.stdout.expected", "0\n"));
        var output = Run(MeasurementFixture.NewRepository(dir), dir.Combine("o.duckdb"), bench, $"native,{Wasmtime}");
        Assert.Contains("not running adhoc-zero/module on native: a foreign .wasm module has no sources to compile natively", output);
    }

    [Fact]
    public void Compare_refuses_two_different_modules_under_one_name_naming_both_hashes()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var db = dir.Combine("o.duckdb");
        var a = Benchmark(dir, "a/bench", PrintsZero);
        var b = Benchmark(dir, "b/bench", """
            #include <stdio.h>
            int main(void) { printf("1\n"); return 0; }
            """);
        Run(root, db, a, Wasmtime, "--label", "a");
        Run(root, db, b, Wasmtime, "--label", "b");
        var shaA = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(a, "benchmark.wasm"))));
        var shaB = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(b, "benchmark.wasm"))));
        Assert.NotEqual(shaA, shaB);

        var r = MeasurementFixture.Cli(root, "compare", "a", "b", "--db", db);
        Assert.Equal(0, r.ExitCode);
        var line = Assert.Single(r.Out.Split('\n'), l => l.Contains("not compared: adhoc-bench/module"));
        Assert.Contains($"different modules under one name: wasm sha256 {shaA} in the base run, {shaB} in the diff run", line);
        Assert.Contains("0 cells", r.Out);
    }
}
