using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Observatory.Collectors.Engines;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Processes;

/// <summary>
/// The machine-readable lines that out-of-process drivers and workers print on
/// their stdout: <c>@obs {json}</c>, one per iteration (<c>"kind":"iteration"</c>)
/// and one per process (<c>"kind":"process"</c>, with peakRssKb). Everything else on
/// stdout is ignored, so the harness never parses free text for timings.
/// </summary>
public static class DriverProtocol
{
    public const string Prefix = "@obs ";

    public static string IterationLine(IterationResult r)
    {
        var o = new JsonObject
        {
            ["kind"] = "iteration",
            ["iteration"] = r.Iteration,
            ["outcome"] = r.Outcome.ToWire(),
            ["compileNs"] = r.CompileNs,
            ["instantiateNs"] = r.InstantiateNs,
            ["executeNs"] = r.ExecuteNs,
            ["regionNs"] = r.RegionNs,
            ["regionsNs"] = r.RegionsNs is null ? null : new JsonArray(r.RegionsNs.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
            ["exitCode"] = r.ExitCode,
            ["stdoutSha256"] = r.StdoutSha256,
            ["stdoutPath"] = r.StdoutPath,
            ["message"] = r.Message,
            ["cpuNs"] = r.CpuNs,
            ["linearMemoryBytes"] = r.LinearMemoryBytes,
        };
        return Prefix + o.ToJsonString();
    }

    public static string ProcessLine(long? peakRssKb) =>
        Prefix + new JsonObject { ["kind"] = "process", ["peakRssKb"] = peakRssKb }.ToJsonString();

    public sealed record Parsed(IReadOnlyList<IterationResult> Iterations, long? PeakRssKb);

    public static Parsed Parse(string stdout)
    {
        var list = new List<IterationResult>();
        long? rss = null;
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            JsonNode? node;
            try { node = JsonNode.Parse(line[Prefix.Length..]); }
            catch (JsonException) { continue; }
            if (node is not JsonObject o) continue;
            var kind = (string?)o["kind"];
            if (kind == "process") { rss = Long(o["peakRssKb"]); continue; }
            if (kind != "iteration") continue;
            list.Add(new IterationResult
            {
                Iteration = (int)(Long(o["iteration"]) ?? list.Count),
                Outcome = OutcomeNames.Parse((string?)o["outcome"] ?? "crash"),
                CompileNs = Long(o["compileNs"]),
                InstantiateNs = Long(o["instantiateNs"]),
                ExecuteNs = Long(o["executeNs"]),
                RegionNs = Long(o["regionNs"]),
                RegionsNs = o["regionsNs"] is JsonArray spans ? spans.Select(n => Long(n) ?? 0).ToList() : null,
                ExitCode = (int?)Long(o["exitCode"]),
                StdoutSha256 = (string?)o["stdoutSha256"],
                StdoutPath = (string?)o["stdoutPath"],
                Message = (string?)o["message"],
                CpuNs = Long(o["cpuNs"]),
                LinearMemoryBytes = Long(o["linearMemoryBytes"]),
            });
        }
        return new Parsed(list, rss);
    }

    // JS drivers print BigInt-derived numbers as strings or numbers; accept both.
    private static long? Long(JsonNode? n)
    {
        if (n is null) return null;
        var v = n.AsValue();
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<double>(out var d)) return (long)Math.Round(d);
        if (v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) return p;
        return null;
    }
}
