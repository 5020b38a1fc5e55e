using System.Text.Json;
using System.Text.Json.Serialization;
using Observatory.Core.Runs;

namespace Observatory.Collectors.Engines.Wasm2c;

/// <summary>
/// The outcome of compiling one module ahead of time (wasm2c, then clang): an executable and
/// the time both tools took, or the outcome and message that every iteration of the module
/// gets instead. Kept as <c>build.json</c> beside the executable in the engine cache, so a
/// module is compiled (or fails) once, whichever process asks.
/// </summary>
public sealed record Wasm2cBuild
{
    public const string FileName = "build.json";
    public const string ExecutableName = "module";

    /// <summary>Null for a built module; unsupported or crash when wasm2c or clang failed.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Outcome>))]
    public Outcome? Failure { get; init; }
    public string? Message { get; init; }
    /// <summary>wasm2c's wall time plus clang's (both processes end to end).</summary>
    public long CompileNs { get; init; }
    public long Wasm2cNs { get; init; }
    public long ClangNs { get; init; }
    /// <summary>The directory holding the executable; set when loaded, not stored.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";
    [JsonIgnore]
    public string Executable => Path.Combine(Directory, ExecutableName);

    public static Wasm2cBuild Failed(Outcome outcome, string message) => new() { Failure = outcome, Message = message };

    public void Save(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options));

    /// <summary>The build recorded in <paramref name="directory"/>, or null when there is none (or it is unreadable: rebuilt then).</summary>
    public static Wasm2cBuild? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var b = JsonSerializer.Deserialize<Wasm2cBuild>(File.ReadAllText(path), Options);
            if (b is null || (b.Failure is null && !File.Exists(Path.Combine(directory, ExecutableName)))) return null;
            return b with { Directory = directory };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
}
