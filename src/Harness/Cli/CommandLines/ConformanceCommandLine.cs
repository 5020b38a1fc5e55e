using System.CommandLine;
using Observatory.Harness.Commands;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>`observatory conformance --suite spec|wasi`: a conformance suite on every engine, one stored row per assertion.</summary>
public sealed class ConformanceCommandLine : ObservatoryCommand
{
    private readonly Option<string?> _suite = CliOptions.Text("--suite", "spec|wasi|sandbox",
        "spec (the WebAssembly spec tests, .wast), wasi (WASI preview1 programs) or sandbox (escape attempts, "
        + "conformance/sandbox/*.c, on each engine's own WASI and in the OS sandbox); required");
    private readonly Option<string?> _testsuite = CliOptions.Text("--testsuite", "PATH",
        "spec suite checkout: WebAssembly/testsuite or the spec repository's test/core "
        + "(default: $OBSERVATORY_TESTSUITE, then results/testsuite, then a fetch of the pinned commit, then "
        + "../shared/wasm-testsuite; with none, spec is skipped with a warning)");
    private readonly Option<string?> _wasiTestsuite = CliOptions.Text("--wasi-testsuite", "PATH",
        "also run a wasi-testsuite checkout (tests/*/testsuite/wasm32-wasip1/*.wasm + .json)");
    private readonly Option<string?> _arch = CliOptions.Text("--arch", "LIST", ArchOption.Description);
    private readonly Option<string?> _engines = CliOptions.Text("--engines", "GLOB",
        "engine ids to run (default: every available one), e.g. 'wasmtime*,node*,deno*,bun*,wasmc*'; "
        + "spec: wasmc:/path/to/lib.so adds any wasm.h library (libwasmer.so, libiwasm.so)");
    private readonly Option<string?> _files = CliOptions.Text("--files", "GLOB",
        "spec files (relative paths) or WASI test names to run, e.g. 'simd_*,proposals/gc/*'");
    private readonly Option<bool> _noSandbox = CliOptions.Flag("--no-sandbox",
        "run engine processes on the host, not in bubblewrap (they still die with the observatory)");
    private readonly Option<bool> _json = CliOptions.Flag("--json",
        "print {suite, revision, engines: [{engine, total, passed, failed, skipped, assertions, modules, actions, wallSeconds, "
        + "byFeature: {NAME: {total, passed, failed, skipped}}, failures: [{file, line, directive, outcome, expected, actual, message}]}]}; "
        + "every directive is counted (a module that fails to instantiate is a failure), split by kind");
    private readonly Option<bool> _listFailures = CliOptions.Flag("--list-failures",
        "run nothing: print the failures of the latest stored conformance run (of --suite, if given) from --db, "
        + "one a line: ENGINE FILE:LINE DIRECTIVE MESSAGE (--engines GLOB keeps some engines)");
    private readonly Option<double?> _timeout = CliOptions.Number("--timeout", "SECONDS",
        "per file (spec, default 60) or per program (wasi and sandbox, default 30) before the engine process is killed");
    private readonly Option<int?> _jobs = CliOptions.Integer("--jobs", "N", "parallel engine processes (default: the number of cores)");

    public ConformanceCommandLine() : base("conformance", "run the spec test suite or WASI preview1 tests on engines, store per-assertion results")
    {
        _suite.CompletionSources.Add("spec", "wasi", "sandbox");
        Declare(_suite, _testsuite, _wasiTestsuite, _engines, _arch, _files, _json, _timeout, _jobs, _noSandbox, _listFailures);
    }

    public override string Notes =>
        "Results go to the conformance_results table of --db (one row per assertion and engine) and the\nreport's conformance section.";

    public override int Execute(ParseResult parse, CommandContext context) =>
        new ConformanceCommand().Execute(new ConformanceSettings
        {
            Suite = parse.GetValue(_suite),
            Database = GlobalOptions.DatabasePath(parse, context),
            Testsuite = parse.GetValue(_testsuite),
            WasiTestsuite = parse.GetValue(_wasiTestsuite),
            Engines = parse.GetValue(_engines),
            Arch = parse.GetValue(_arch),
            Files = parse.GetValue(_files),
            Json = parse.GetValue(_json),
            NoSandbox = parse.GetValue(_noSandbox),
            ListFailures = parse.GetValue(_listFailures),
            TimeoutSeconds = parse.GetValue(_timeout),
            Jobs = parse.GetValue(_jobs),
        }, context);
}
