using Observatory.Harness.Cli;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// `conformance --list-failures`: the failures of the latest stored conformance run, read from
/// the database (nothing is run), one a line: ENGINE FILE:LINE DIRECTIVE MESSAGE, where the
/// message says the outcome first when it is not a plain fail (error, timeout, crash).
/// </summary>
public static class ConformanceFailureList
{
    public static int Print(ConformanceSettings settings, CommandContext context)
    {
        if (settings.Json) throw new UsageException("--list-failures prints lines; for JSON run the suite with --json");
        if (settings.Testsuite is not null || settings.WasiTestsuite is not null || settings.Files is not null)
            throw new UsageException("--list-failures reads the stored run: --testsuite, --wasi-testsuite and --files do not go with it");
        if (!File.Exists(settings.Database))
            throw new UsageException($"--db {settings.Database}: no such file (run `observatory conformance --suite spec` first)");
        using var store = ObservatoryStore.Open(settings.Database, readOnly: true);
        if (store.Query("SELECT 1 FROM information_schema.tables WHERE table_name = 'conformance_runs'").Count == 0
            || ConformanceStore.LatestRun(store, settings.Suite) is not { } run)
            throw new UsageException($"--db {settings.Database}: no conformance run{(settings.Suite is null ? "" : $" of suite {settings.Suite}")} is stored");
        var failures = ConformanceStore.LatestFailures(store, settings.Suite).Where(f => Glob.Matches(settings.Engines, f.Engine)).ToList();
        foreach (var f in failures) context.Out.WriteLine(Line(f));
        var engines = settings.Engines is null ? "" : $" on engines matching '{settings.Engines}'";
        context.Error.WriteLine($"{failures.Count} failures{engines} in conformance run {run.RunId} ({run.Suite})");
        return 0;
    }

    public static string Line(ConformanceFailure f)
    {
        var message = f.Message ?? (f.Expected is null && f.Actual is null ? "" : $"expected {f.Expected ?? "-"}, got {f.Actual ?? "-"}");
        if (f.Outcome != "fail") message = f.Outcome + (message.Length > 0 ? ": " + message : "");
        return $"{f.Engine} {f.File}:{f.Line} {f.Directive} {OneLine(message)}";
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
