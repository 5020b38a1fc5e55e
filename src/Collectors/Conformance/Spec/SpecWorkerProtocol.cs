using System.Text.Json.Nodes;
using Observatory.Collectors.Conformance.Wast;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// The line protocol between the conformance parent and a worker process that hosts an
/// in-process engine. The parent writes one request per file on the worker's stdin
/// ({"path", "name", "skip": [directive indices not to run]}); the worker streams one
/// "@c {...}" line per directive result and "@c {"done":true}" per file, flushing each
/// line, so when the worker dies the parent knows exactly which directive killed it.
/// </summary>
public static class SpecWorkerProtocol
{
    public const string Prefix = "@c ";
    public const string StackEnvironment = "OBSERVATORY_SPEC_THREAD_STACK";

    public static string Request(SpecFile file, IEnumerable<int> skip) => new JsonObject
    {
        ["path"] = file.Path,
        ["name"] = file.RelativePath,
        ["skip"] = new JsonArray(skip.Select(i => (JsonNode)i).ToArray()),
    }.ToJsonString();

    public static string ResultLine(AssertionResult r) => Prefix + new JsonObject
    {
        ["i"] = r.Index,
        ["o"] = r.Outcome.ToWire(),
        ["e"] = r.Expected,
        ["a"] = r.Actual,
        ["m"] = r.Message,
        ["mm"] = r.MessageMatch?.ToWire(),
    }.ToJsonString();

    /// <summary>Serves requests until stdin closes. Runs each file on a thread with a large stack.</summary>
    public static int Serve(string engine, TextReader input, TextWriter output)
    {
        if (!InProcessSpecEngines.Factories.TryGetValue(engine, out var factory))
        {
            output.WriteLine(Prefix + new JsonObject { ["fatal"] = $"unknown in-process engine '{engine}' (known: {string.Join(", ", InProcessSpecEngines.Factories.Keys)})" }.ToJsonString());
            output.Flush();
            return 2;
        }
        var stack = int.TryParse(Environment.GetEnvironmentVariable(StackEnvironment), out var s) && s > 0 ? s : 64 << 20;
        ISpecHost made;
        try
        {
            made = factory();
        }
        catch (Exception e)
        {
            output.WriteLine(Prefix + new JsonObject { ["fatal"] = $"cannot start in-process engine '{engine}': {e.Message}" }.ToJsonString());
            output.Flush();
            return 2;
        }
        using var host = made;
        var runner = new SpecRunner(host);
        string? line;
        while ((line = input.ReadLine()) is not null)
        {
            if (line.Length == 0) continue;
            var req = JsonNode.Parse(line)!.AsObject();
            var path = (string)req["path"]!;
            var name = (string?)req["name"] ?? path;
            var skip = req["skip"]?.AsArray().Select(n => (int)n!).ToHashSet() ?? [];
            Exception? failure = null;
            var t = new Thread(() =>
            {
                try
                {
                    var script = WastParser.ParseFile(path, name);
                    var kept = script with { Directives = script.Directives.Where(d => !skip.Contains(d.Index)).ToList() };
                    runner.Run(kept, r =>
                    {
                        output.WriteLine(ResultLine(r));
                        output.Flush();
                    });
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, stack);
            t.Start();
            t.Join();
            if (failure is not null) output.WriteLine(Prefix + new JsonObject { ["error"] = failure is WastParseException ? failure.Message : failure.ToString() }.ToJsonString());
            output.WriteLine(Prefix + "{\"done\":true}");
            output.Flush();
        }
        return 0;
    }

    public static AssertionResult? ParseResult(JsonObject o, IReadOnlyDictionary<int, Directive> directives)
    {
        var i = (int)o["i"]!;
        if (!directives.TryGetValue(i, out var d)) return null;
        return new AssertionResult
        {
            Index = i, Line = d.Line, Directive = d.Kind, IsAssertion = d.IsAssertion,
            Outcome = AssertionOutcomeNames.Parse((string)o["o"]!),
            Expected = (string?)o["e"], Actual = (string?)o["a"], Message = (string?)o["m"],
            MessageMatch = AssertionOutcomeNames.ParseMatch((string?)o["mm"]),
        };
    }
}
