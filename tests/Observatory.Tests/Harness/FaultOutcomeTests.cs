using System.Text.Json.Nodes;
using Observatory.Tests.Measurement;
using Observatory.Tests.Support;

namespace Observatory.Tests.Harness;

/// <summary>
/// The same fault has the same outcome on every ready engine: `run --wasm` of a module with a missing
/// import, one without `_start`, and a truncated one, on all engines at once (Wasmtime, wasm.h, Node,
/// Deno, Bun, components, and runtime CLIs where installed). Each is `unsupported` (see
/// <see cref="Observatory.Core.Runs.Outcome"/>), with a message naming the cause. A module without the
/// wasm magic never reaches an engine: the harness refuses it in one line.
/// </summary>
[Collection(MeasurementProcesses.Name)]
public class FaultOutcomeTests
{
    [Theory]
    [InlineData("missing-import", """(module (import "env" "missing_function" (func)) (memory (export "memory") 1) (func (export "_start") call 0))""", "missing_function")]
    [InlineData("no-start", """(module (memory (export "memory") 1) (func (export "main")))""", "_start")]
    [InlineData("truncated", """(module (memory (export "memory") 1) (func (export "_start")))""", null)]
    public void A_faulty_module_is_unsupported_on_every_engine(string fault, string wat, string? named)
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        // The engines' npm packages (Node 22+, Deno, Bun, jco) resolve from the repository root.
        Directory.CreateSymbolicLink(Path.Combine(root, "node_modules"), Path.Combine(Repo.Root, "node_modules"));
        // A runtime CLI (Node's WASI behind a command line), as a user would configure one in runtimes.toml.
        File.WriteAllText(Path.Combine(root, "runtimes.toml"), $$"""
            [[cli]]
            name = "nodewasi"
            command = "node"
            version_pattern = 'v(\d+\.\d+\.\d+)'
            run = ["--no-warnings", "{{Path.Combine(AppContext.BaseDirectory, "drivers", "node-wasi-cli.mjs")}}", "{preopens}", "{env}", "{wasm}", "{args}"]
            preopen = ["--dir", "{host}::{guest}"]
            env = ["--env", "{name}={value}"]
            """);
        var bytes = global::Wasmtime.Module.ConvertText(wat);
        if (fault == "truncated") bytes = bytes[..(bytes.Length - 3)];
        var wasm = dir.Combine(fault + ".wasm");
        File.WriteAllBytes(wasm, bytes);

        var r = MeasurementFixture.CliProcess(root, "run", "--wasm", wasm, "--engines", "*", "--db", dir.Combine("o.duckdb"), "--no-overhead",
            "--min-processes", "1", "--max-processes", "1", "--iterations", "1", "--json");
        Assert.True(r.ExitCode == 0, $"exit {r.ExitCode}\n{r.Error}");
        var cells = JsonNode.Parse(r.Out)!["cells"]!.AsArray().Select(c => (Engine: (string)c!["engine"]!, Outcome: (string)c["outcome"]!, Message: (string?)c["message"] ?? "")).ToList();
        Assert.True(cells.Count >= 8, $"only {cells.Count} engines ran: {string.Join(", ", cells.Select(c => c.Engine))}");
        Assert.Contains(cells, c => c.Engine.StartsWith("node-", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Engine.StartsWith("wasmc-", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Engine.StartsWith("nodewasi-", StringComparison.Ordinal));
        var wrong = cells.Where(c => c.Outcome != "unsupported").ToList();
        Assert.True(wrong.Count == 0, $"{fault}: not unsupported on: " + string.Join("; ", wrong.Select(c => $"{c.Engine}: {c.Outcome}: {c.Message}")));
        foreach (var c in cells)
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Message), $"{c.Engine} gives no reason");
            // Components fail earlier, when jco makes the component, and say so; the rest name the fault.
            if (named is not null && !c.Engine.Contains("component", StringComparison.Ordinal))
                Assert.True(c.Message.Contains(named, StringComparison.Ordinal), $"{c.Engine}: '{c.Message}' does not name {named}");
        }
    }

    [Fact]
    public void A_module_without_the_wasm_magic_is_refused_before_any_engine()
    {
        using var dir = new TempDirectory();
        var root = MeasurementFixture.NewRepository(dir);
        var wasm = dir.Combine("bad-magic.wasm");
        File.WriteAllText(wasm, "not a wasm module at all");
        var r = MeasurementFixture.CliProcess(root, "run", "--wasm", wasm, "--engines", "*", "--db", dir.Combine("o.duckdb"), "--no-overhead",
            "--min-processes", "1", "--max-processes", "1", "--iterations", "1");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is not a WebAssembly module", line);
    }
}
