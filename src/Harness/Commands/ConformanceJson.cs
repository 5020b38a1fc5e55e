using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// `conformance --json`: per engine, the counts over every directive and by kind (assertions,
/// module directives, bare actions) and by feature, the engine's own wall time, and each failure
/// (file, line, directive, outcome, expected, actual, message).
/// </summary>
public static class ConformanceJson
{
    public static string Write(ConformanceRun run, IReadOnlyList<EngineSummary> summary)
    {
        var engines = new JsonArray();
        foreach (var s in summary)
        {
            var byFeature = new JsonObject();
            foreach (var (f, c) in s.ByFeature) byFeature[f] = c.ToJson();
            var failures = new JsonArray();
            foreach (var r in s.Failures)
                failures.Add(new JsonObject
                {
                    ["file"] = r.File, ["line"] = r.Line, ["directive"] = r.Directive, ["feature"] = r.Feature, ["outcome"] = r.Outcome,
                    ["expected"] = r.Expected, ["actual"] = r.Actual, ["message"] = r.Message,
                });
            var o = s.All.ToJson();
            o.Insert(0, "engine", s.Engine);
            o["assertions"] = s.Kind(DirectiveKind.Assertion).ToJson();
            o["modules"] = s.Kind(DirectiveKind.Module).ToJson();
            o["actions"] = s.Kind(DirectiveKind.Action).ToJson();
            o["wallSeconds"] = s.WallSeconds;
            o["byFeature"] = byFeature;
            o["failures"] = failures;
            engines.Add(o);
        }
        return new JsonObject { ["suite"] = run.Suite, ["revision"] = run.Revision, ["runId"] = run.RunId, ["status"] = run.Status, ["engines"] = engines }
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
