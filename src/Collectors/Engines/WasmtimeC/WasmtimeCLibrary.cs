using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.WasmtimeC;

/// <summary>
/// The libwasmtime.so that the NuGet Wasmtime package ships for an ISA (runtimes/linux-RID/native/): next to the
/// observatory when it was built without a runtime identifier, else in the NuGet package cache. A
/// <c>dotnet publish -r linux-x64</c> drops the other platforms' libraries: the package cache still has them.
/// </summary>
public static class WasmtimeCLibrary
{
    /// <summary>The NuGet runtime identifier of an ISA's Linux build, or null when the package ships none for it.</summary>
    public static string? RuntimeId(string isa) => isa switch
    {
        InstructionSet.X64 => "linux-x64",
        InstructionSet.Arm64 => "linux-arm64",
        _ => null,
    };

    /// <summary>The library for <paramref name="isa"/>, or null with where it was looked for.</summary>
    public static string? Find(EngineEnvironment env, string isa, out string reason)
    {
        reason = "";
        if (RuntimeId(isa) is not { } rid)
        {
            reason = $"the NuGet Wasmtime {WasmtimeEngine.PackageVersion} package ships no libwasmtime.so for {isa}";
            return null;
        }
        var candidates = new List<string> { Path.Combine(env.ToolDirectory, "runtimes", rid, "native", "libwasmtime.so") };
        if (isa == InstructionSet.Host) candidates.Add(Path.Combine(env.ToolDirectory, "libwasmtime.so"));
        candidates.Add(Path.Combine(PackageCache(), "wasmtime", WasmtimeEngine.PackageVersion, "runtimes", rid, "native", "libwasmtime.so"));
        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
            reason = $"libwasmtime.so for {rid} not found (looked in {string.Join(", ", candidates)}): restore the Wasmtime {WasmtimeEngine.PackageVersion} package (dotnet restore)";
        return found;
    }

    /// <summary>$NUGET_PACKAGES, else ~/.nuget/packages (NuGet's own default).</summary>
    private static string PackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
