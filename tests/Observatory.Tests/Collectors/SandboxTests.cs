using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;
using Observatory.Reports.Store;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors;

/// <summary>The OS sandbox every engine process starts in (bubblewrap; CI installs it through build.sh), with real processes.</summary>
public class SandboxTests
{
    private static ChildProcessResult Shell(string script, SandboxMounts mounts) => ChildProcess.Run(new ChildProcessSpec
    {
        FileName = "/bin/sh", Arguments = ["-c", script], Sandbox = mounts, Timeout = TimeSpan.FromSeconds(30),
    });

    [Fact]
    public void Bubblewrap_is_usable_here()
    {
        Assert.True(Sandbox.Availability.Usable, Sandbox.Availability.Reason);
    }

    [Fact]
    public void A_sandboxed_process_sees_no_host_secrets_no_repository_no_network_and_writes_only_its_writable_paths()
    {
        using var dir = new TempDirectory();
        var scratch = Directory.CreateDirectory(dir.Combine("scratch")).FullName;
        var input = dir.Write("ro/input.txt", "module bytes\n");
        var hidden = dir.Write("hidden.txt", "not bound\n");
        var r = Shell($"""
            for p in /etc/passwd /root /home {Repo.Root}/README.md {hidden}; do [ -e "$p" ] && echo "visible $p"; done
            cat {input}
            echo written > {scratch}/out.txt && echo scratch-ok
            echo x >> {input} 2>/dev/null || echo ro-refused
            echo x > {Path.GetDirectoryName(input)}/new.txt 2>/dev/null
            echo x > /escape.txt 2>/dev/null || echo root-refused
            grep -c : /proc/net/dev
            """, new SandboxMounts { ReadOnly = [input], Writable = [scratch] });

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.DoesNotContain("visible", r.Stdout);
        Assert.Contains("module bytes", r.Stdout);
        Assert.Contains("scratch-ok", r.Stdout);
        Assert.Equal("written\n", File.ReadAllText(Path.Combine(scratch, "out.txt")));
        Assert.Contains("ro-refused", r.Stdout);
        Assert.Equal("module bytes\n", File.ReadAllText(input));
        // Paths under /tmp that are not bound land in the sandbox's private /tmp, never on the host.
        Assert.False(File.Exists(dir.Combine("ro", "new.txt")));
        Assert.Contains("root-refused", r.Stdout);
        // A fresh network namespace has the loopback device only.
        Assert.EndsWith("1\n", r.Stdout);
    }

    [Fact]
    public void A_process_outside_the_sandbox_still_gets_a_parent_death_signal_and_tools_are_left_alone()
    {
        var contained = Sandbox.Wrap(new ChildProcessSpec { FileName = "/bin/true", Sandbox = new SandboxMounts() });
        Assert.EndsWith("bwrap", contained.FileName);
        Assert.Contains("--die-with-parent", contained.Arguments);

        var host = Sandbox.Wrap(new ChildProcessSpec { FileName = "/bin/true", Arguments = ["a"], Sandbox = new SandboxMounts { Contain = false } });
        Assert.EndsWith("setpriv", host.FileName);
        Assert.Equal(["--pdeathsig", "KILL", "--", "/bin/true", "a"], host.Arguments);
        Assert.Equal(0, ChildProcess.Run(host).ExitCode);

        var tool = new ChildProcessSpec { FileName = "/usr/bin/git" };
        Assert.Same(tool, Sandbox.Wrap(tool));
    }

    /// <summary>
    /// The sandbox suite end to end on the engines the issue was about: Node's own WASI follows a
    /// symlink the host placed in the preopen out of it, the OS sandbox contains it; Bun runs on
    /// the project's wasi-shim.mjs, which refuses it on its own.
    /// </summary>
    [Fact]
    public void The_sandbox_suite_stores_what_each_engine_does_alone_and_in_the_sandbox()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("conformance"));
        // cp -a keeps the fixture's symlinks as symlinks.
        var cp = ChildProcess.Run(new ChildProcessSpec { FileName = "/bin/cp", Arguments = ["-a", Path.Combine(Repo.Root, "conformance", "sandbox"), dir.Combine("conformance")] });
        Assert.True(cp.ExitCode == 0, cp.Stderr);
        Directory.CreateSymbolicLink(dir.Combine("node_modules"), Path.Combine(Repo.Root, "node_modules"));
        var db = dir.Combine("o.duckdb");
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(["conformance", "--suite", "sandbox", "--files", "*host_symlink", "--engines", "node-26*/default,bun-*/default", "--db", db],
            new CommandContext { RepositoryRoot = dir.Path, Out = o, Error = e });
        Assert.True(code == 0, e.ToString() + o);

        using var store = ObservatoryStore.Open(db, readOnly: true);
        string Outcome(string enginePrefix, string directive) => (string)store.Query(
            "SELECT outcome FROM conformance_results WHERE starts_with(engine, $e) AND directive = $d", ("e", enginePrefix), ("d", directive)).Single()["outcome"]!;
        Assert.Equal("fail", Outcome("node-26", "engine-wasi"));
        Assert.Equal("pass", Outcome("node-26", "os-sandbox"));
        Assert.Equal("pass", Outcome("bun-", "engine-wasi"));
        Assert.Equal("pass", Outcome("bun-", "os-sandbox"));
        var message = (string)store.Query("SELECT message FROM conformance_results WHERE starts_with(engine, 'node-26') AND directive = 'engine-wasi'").Single()["message"]!;
        Assert.Contains("host symlink to /etc, read passwd: ESCAPED", message);

        var html = Observatory.Reports.Site.ConformanceSection.Render(store);
        Assert.Contains("follows symlinks the host placed in the preopen out of it — contained by the OS sandbox", html);
    }
}
