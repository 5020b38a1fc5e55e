using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;

namespace Observatory.Tests.Conformance;

/// <summary>
/// The WASI preview1 programs of conformance/wasi on the wasm2c engine, through the CLI: its C
/// host must confine paths like the other engines (absolute, '..' and symlink escapes refused),
/// follow links inside the preopen, list directories, sleep in poll_oneoff and pass exit codes.
/// A subset: each program is compiled by wasm2c + clang -O2 before it runs.
/// </summary>
public class Wasm2cWasiSuiteTests
{
    [Fact]
    public void Wasi_programs_pass_on_wasm2c()
    {
        using var tmp = new TempDir();
        var src = Path.Combine(ConformanceTestEnvironment.RepositoryRoot, "conformance", "wasi");
        var dst = Path.Combine(tmp.Path, "conformance", "wasi");
        Directory.CreateDirectory(Path.Combine(dst, "fs", "sub"));
        var programs = new[]
        {
            "path_escape_absolute", "path_escape_dotdot", "path_escape_symlink", "symlink_follow", "readdir_list",
            "poll_clock", "proc_exit_code", "file_seek", "stdio_stdin_eof",
        };
        foreach (var f in programs.SelectMany(p => new[] { p + ".c", p + ".json" }).Concat(["wasi_test.h", "fs/hello.txt", "fs/sub/a.txt", "fs/sub/b.txt", "fs/sub/c.txt"]))
            File.Copy(Path.Combine(src, f), Path.Combine(dst, f));
        var r = MeasurementFixture.Cli(tmp.Path, ["conformance", "--suite", "wasi", "--engines", "wasm2c*", "--json", "--db", Path.Combine(tmp.Path, "o.duckdb")]);
        Assert.True(r.ExitCode == 0, r.Error + r.Out);
        var engine = JsonNode.Parse(r.Out)!["engines"]![0]!;
        Assert.StartsWith("wasm2c-", (string)engine["engine"]!);
        Assert.Equal(programs.Length, (int)engine["total"]!);
        Assert.True((int)engine["passed"]! == programs.Length, r.Error + r.Out);
    }
}
