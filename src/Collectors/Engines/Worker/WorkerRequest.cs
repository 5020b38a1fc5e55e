using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observatory.Collectors.Engines.Worker;

public enum WorkerRequestKind
{
    /// <summary>Run the invocation's iterations and print @obs lines.</summary>
    [JsonStringEnumMemberName("run")] Run,
    /// <summary>Prove the engine works here (wasm.h: load the library, run a tiny module) and print one @probe line.</summary>
    [JsonStringEnumMemberName("probe")] Probe,
}

/// <summary>
/// What the hidden <c>observatory worker --request FILE</c> is asked to do, as one JSON document:
/// which engine family hosts it, that family's settings in the text form it parses (Wasmtime:
/// the settings key, <c>cranelift+pooling</c>; wasm.h: the library path) and the invocation.
/// </summary>
public sealed record WorkerRequest
{
    public WorkerRequestKind Kind { get; init; } = WorkerRequestKind.Run;
    public required string Family { get; init; }
    public string Settings { get; init; } = "";
    /// <summary>Required for <see cref="WorkerRequestKind.Run"/>.</summary>
    public EngineInvocation? Invocation { get; init; }

    /// <summary>
    /// The file the worker writes its protocol lines to (created, one flushed line at a time), so they
    /// never share the process's stdout with a runtime library that prints there (WAMR logs with
    /// printf; a partial line would glue onto a result line). Null: stdout, for a person at a terminal.
    /// </summary>
    public string? ReportPath { get; init; }

    /// <summary>The name of the request file an engine writes into an invocation's scratch directory.</summary>
    public const string FileName = "worker-request.json";

    /// <summary>The name of the report file an engine asks for in an invocation's scratch directory.</summary>
    public const string ReportFileName = "worker-report.txt";

    public string ToJson() => JsonSerializer.Serialize(this, WorkerRequestJson.Default.WorkerRequest);

    /// <summary>Parses a request; a malformed one is a <see cref="FormatException"/> with one line saying what is wrong.</summary>
    public static WorkerRequest FromJson(string json)
    {
        WorkerRequest? r;
        try
        {
            r = JsonSerializer.Deserialize(json, WorkerRequestJson.Default.WorkerRequest);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not a worker request: {e.Message.Split('\n')[0]}");
        }
        if (r is null) throw new FormatException("not a worker request: null");
        if (r.Kind == WorkerRequestKind.Run && r.Invocation is null) throw new FormatException("a run request needs \"invocation\"");
        return r;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(WorkerRequest))]
internal sealed partial class WorkerRequestJson : JsonSerializerContext;
