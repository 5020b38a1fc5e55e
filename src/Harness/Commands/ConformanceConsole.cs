using System.Globalization;
using Observatory.Harness.Cli;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// The console summary of a conformance run: a table per engine and feature, then one line per
/// engine that says how many directives passed, split into assertions, module directives and bare
/// actions, so a module that failed to instantiate shows as the failure it is.
/// </summary>
public static class ConformanceConsole
{
    public static void Print(ConformanceRun run, IReadOnlyList<EngineSummary> summary, TextWriter w)
    {
        var t = new TextTable("engine", "feature", "total", "passed", "failed", "skipped", "pass %");
        foreach (var s in summary)
            foreach (var (f, v) in s.ByFeature)
                t.Add(s.Engine, f, N(v.Total), N(v.Passed), N(v.Failed), N(v.Skipped), Pct(v.Passed, v.Total - v.Skipped));
        t.Write(w);
        w.WriteLine();
        foreach (var s in summary)
        {
            var a = s.Kind(DirectiveKind.Assertion);
            var m = s.Kind(DirectiveKind.Module);
            var x = s.Kind(DirectiveKind.Action);
            var rate = run.Suite == "spec" && s.WallSeconds is > 0 ? $", {a.Total / s.WallSeconds.Value:0} assertions/s over {s.WallSeconds.Value:0.0} s wall" : "";
            var parts = run.Suite == "spec"
                ? $" (assertions {a.Passed}/{a.Total}, {a.Failed} failed; module directives {m.Passed}/{m.Total}, {m.Failed} failed; actions {x.Passed}/{x.Total}, {x.Failed} failed)"
                : "";
            w.WriteLine($"{s.Engine}: {s.All.Passed} of {s.All.Total} passed{parts}, {Pct(s.All.Passed, s.All.Total - s.All.Skipped)} of those run; "
                + $"{s.All.Failed} failed, {s.All.Skipped} unsupported or not applicable{rate}");
        }
        if (run.Suite == "spec")
            foreach (var g in run.Rows.Where(r => ConformanceCommand.IsCoreFile(r.File)).GroupBy(r => r.Engine))
                w.WriteLine($"{g.Key}: core suite (files outside proposals/, legacy/, custom/): {g.Count(r => r.Outcome == "pass")} of {g.Count()} passed ({Pct(g.Count(r => r.Outcome == "pass"), g.Count())})");
        w.WriteLine($"suite {run.Suite} at {run.Revision}; run {run.RunId}. Every directive is counted: assertions, module directives (module, register) and bare actions; "
            + "pass % counts only what the engine could run (unsupported and not-applicable are skipped).");
        if (summary.Any(s => s.All.Failed > 0))
            w.WriteLine("The failures, one a line: observatory conformance --list-failures (add --engines GLOB for some engines).");
    }

    internal static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    internal static string Pct(int a, int b) => b <= 0 ? "-" : (100.0 * a / b).ToString("0.00", CultureInfo.InvariantCulture) + "%";
}
