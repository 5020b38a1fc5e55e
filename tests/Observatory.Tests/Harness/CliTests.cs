using System.Text.Json.Nodes;
using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;
using Observatory.Harness.Cli.CommandLines;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>The `observatory` command line itself: errors, option forms, the global --db, generated help and completion.</summary>
public sealed class CliTests
{
    private static MeasurementFixture.CliResult Cli(params string[] args) => MeasurementFixture.Cli(Repo.Root, args);

    /// <summary>A user mistake is one line on stderr, exit 2, nothing on stdout.</summary>
    private static void AssertOneLineError(MeasurementFixture.CliResult r, string expected)
    {
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.Error.TrimEnd('\n'));
        Assert.Equal("", r.Out);
    }

    [Theory]
    [InlineData("run --engnes wasmtime*", "observatory run: unknown option --engnes; did you mean --engines?")]
    [InlineData("run --engnes=wasmtime*", "observatory run: unknown option --engnes; did you mean --engines?")]
    [InlineData("compare --metrc wall", "observatory compare: unknown option --metrc; did you mean --metric?")]
    [InlineData("ingest --jsn", "observatory ingest: unknown option --jsn; did you mean --json?")]
    [InlineData("runtimes --dbb x", "observatory runtimes: unknown option --dbb; did you mean --db?")]
    [InlineData("runtimes --frobnicate", "observatory runtimes: unknown option --frobnicate (see `observatory runtimes --help`)")]
    public void Unknown_option_is_one_line_with_the_nearest_known_option(string line, string expected) =>
        AssertOneLineError(Cli(line.Split(' ')), expected);

    [Theory]
    [InlineData("rnu", "observatory: unknown command 'rnu'; did you mean 'run'?")]
    [InlineData("conformence", "observatory: unknown command 'conformence'; did you mean 'conformance'?")]
    [InlineData("frobnicate", "observatory: unknown command 'frobnicate' (see `observatory --help` for the list)")]
    [InlineData("help rnu", "observatory: unknown command 'rnu'; did you mean 'run'?")]
    public void Unknown_command_is_one_line_with_the_nearest_command(string command, string expected) =>
        AssertOneLineError(Cli(command.Split(' ')), expected);

    [Theory]
    [InlineData("report --out", "observatory report: option --out needs a value")]
    [InlineData("runtimes --engines=native --engines", "observatory runtimes: option --engines needs a value")]
    [InlineData("runtimes --engines wasmtime* --engines=native", "observatory runtimes: option --engines is given more than once")]
    [InlineData("run --engines --json", "observatory run: option --engines needs a value (got the option --json)")]
    [InlineData("conformance --suite spec --jobs many", "observatory conformance: option --jobs expects an integer, got 'many'")]
    [InlineData("conformance --suite=spec --jobs=many", "observatory conformance: option --jobs expects an integer, got 'many'")]
    [InlineData("compare --threshold=lots", "observatory compare: option --threshold expects a number, got 'lots'")]
    [InlineData("run stray", "observatory run: unexpected argument 'stray' (the module's arguments go after --)")]
    [InlineData("compare a b c", "observatory compare: unexpected argument 'c' (see `observatory compare --help`)")]
    [InlineData("ingest", "observatory ingest: Required argument 'BUNDLE' missing for command: 'ingest'.")]
    [InlineData("completion zsh", "observatory completion: Argument 'zsh' not recognized. Must be one of: 'bash'")]
    public void Missing_and_malformed_values_name_the_option(string line, string expected) =>
        AssertOneLineError(Cli(line.Split(' ')), expected);

    [Fact]
    public void Equals_form_and_separate_value_form_select_the_same()
    {
        var separate = Cli("runtimes", "--json", "--engines", "native");
        var equals = Cli("runtimes", "--json", "--engines=native");
        Assert.True(separate.ExitCode == 0, separate.Error);
        Assert.True(equals.ExitCode == 0, equals.Error);
        var ids = JsonNode.Parse(equals.Out)!.AsArray().Select(e => (string?)e!["id"]).ToList();
        Assert.Equal(["native"], ids);
        Assert.Equal(separate.Out, equals.Out);
    }

    [Theory]
    [InlineData("--db", "{db}", "ingest", "{bundles}", "--json")]
    [InlineData("ingest", "{bundles}", "--json", "--db", "{db}")]
    [InlineData("--db={db}", "ingest", "{bundles}", "--json")]
    [InlineData("ingest", "--db={db}", "{bundles}", "--json")]
    public void Global_db_is_accepted_before_and_after_the_command_name(params string[] template)
    {
        using var dir = new TempDirectory();
        var db = dir.Combine("chosen.duckdb");
        var bundles = Directory.CreateDirectory(dir.Combine("bundles")).FullName;
        Observatory.Reports.Bundles.RunBundle.Write(SampleRuns.Make("r1"), bundles);
        var r = Cli(template.Select(a => a.Replace("{db}", db).Replace("{bundles}", bundles)).ToArray());
        Assert.True(r.ExitCode == 0, r.Error);
        var json = JsonNode.Parse(r.Out)!;
        Assert.Equal(Path.GetFullPath(db), (string?)json["database"]);
        Assert.Single(json["ingested"]!.AsArray());
        Assert.True(File.Exists(db), "the database named by --db was created");
    }

    [Fact]
    public void Help_of_every_command_lists_every_declared_option_and_its_notes()
    {
        foreach (var command in CommandRegistry.Create())
        {
            var r = Cli(command.Name, "--help");
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Contains(command.Description!, r.Out);
            foreach (var option in command.Options)
            {
                Assert.Contains(option.Name, r.Out);
                Assert.Contains(option.Description!.Split(' ', 4)[..3].Aggregate((a, b) => a + " " + b), r.Out);
            }
            Assert.Contains("--db <PATH>", r.Out);
            if (command.Notes is { } notes) Assert.Contains(notes.Split('\n')[0].Trim(), r.Out);
            Assert.Equal(r.Out, Cli("help", command.Name).Out);
        }
        var run = Cli("run", "--help").Out;
        Assert.Contains("Sampling: each cell runs engine processes in rounds", run);
        Assert.Contains("Bring your own module:", run);
        Assert.Contains("--budget <SECONDS>", run);
    }

    [Fact]
    public void Overview_lists_the_commands_but_not_the_workers()
    {
        var bare = Cli();
        Assert.Equal(2, bare.ExitCode);
        var help = Cli("--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Equal(help.Out, bare.Out);
        foreach (var command in CommandRegistry.Create()) Assert.Contains(command.Name, help.Out);
        // The help wraps at HelpLayout.Width: compare the words, not the line breaks.
        Assert.Contains("used by run, compare, conformance, ingest, report, query", System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " "));
        Assert.DoesNotContain("worker", help.Out);
    }

    [Fact]
    public void Worker_commands_receive_their_arguments_untouched()
    {
        // The CLI's parser would call these unknown options; the workers see them and answer in their own words.
        var worker = Cli("worker", "nope", "--engnes", "x");
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("worker: expected --request FILE", worker.Error);
        var conformance = Cli("conformance-worker", "--engnes", "x");
        Assert.Equal(2, conformance.ExitCode);
        Assert.Contains("conformance-worker: unexpected argument '--engnes'", conformance.Error);
    }

    [Theory]
    [InlineData("ru", "run")]
    [InlineData("ru", "runtimes")]
    [InlineData("run --eng", "--engines")]
    [InlineData("run --profile ", "standard")]
    [InlineData("conformance --suite ", "wasi")]
    [InlineData("compare --fail", "--fail-on-slower")]
    public void Suggest_directive_completes_commands_options_and_values(string line, string expected)
    {
        var r = Cli($"[suggest:{line.Length}]", line);
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains(expected, r.Out.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Suggest_directive_offers_only_matching_names()
    {
        var r = Cli("[suggest:9]", "run --eng");
        Assert.Equal(["--engines"], r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Theory]
    [InlineData("observatory ru", "run")]
    [InlineData("observatory run --eng", "--engines")]
    [InlineData("observatory --db x.duckdb comp", "compare")]
    public void Bash_completion_script_completes_through_the_real_cli(string typed, string expected)
    {
        var script = Cli("completion", "bash");
        Assert.True(script.ExitCode == 0, script.Error);
        Assert.Equal(CompletionCommandLine.BashScript, script.Out);
        using var dir = new TempDirectory();
        var scriptFile = dir.Write("observatory.bash", script.Out);
        var dll = Path.Combine(AppContext.BaseDirectory, "observatory.dll");
        // As bash calls a completion function: COMP_LINE/COMP_POINT set, $1 the command word.
        var driver = $$"""
            observatory() { "{{DotnetHost.Path}}" "{{dll}}" "$@"; }
            source "{{scriptFile}}"
            COMP_LINE='{{typed}}'; COMP_POINT=${#COMP_LINE}
            _observatory_complete observatory
            printf '%s\n' "${COMPREPLY[@]}"
            """;
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "bash", Arguments = ["-c", driver], Timeout = TimeSpan.FromMinutes(2) });
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains(expected, r.Stdout.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void Everything_after_double_dash_goes_to_the_module_untouched()
    {
        using var dir = new TempDirectory();
        var wasm = MeasurementFixture.Build(dir, "argv", """
            #include <stdio.h>
            int main(int argc, char **argv) {
                for (int i = 1; i < argc; i++) printf("%s%s", i > 1 ? " " : "", argv[i]);
                printf("\n");
                return 0;
            }
            """, "[]").WasmPath!;
        var expected = dir.Write("expected.txt", "--engnes=x hello --json -- last\n");
        var r = MeasurementFixture.Cli(MeasurementFixture.NewRepository(dir), "run", "--wasm", wasm, "--expect-stdout", expected,
            "--engines", "wasmtime-*/cranelift", "--db", dir.Combine("o.duckdb"), "--no-overhead", "--min-processes", "1", "--max-processes", "1",
            "--iterations", "1", "--json", "--", "--engnes=x", "hello", "--json", "--", "last");
        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Equal("ok", (string?)Assert.Single(JsonNode.Parse(r.Out)!["cells"]!.AsArray())!["outcome"]);
    }

    [Theory]
    [InlineData("--engnes", "--engines")]
    [InlineData("--eng", "--engines")]
    [InlineData("rnu", "run")]
    [InlineData("--zzzzzz", null)]
    public void Nearest_name_is_a_plausible_typo_or_nothing(string typed, string? expected) =>
        Assert.Equal(expected, NearestName.Find(typed, ["--engines", "--json", "--db", "run", "runtimes"]));
}
