using System.Text.RegularExpressions;
using Observatory.Collectors.Engines.Native;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Wasm2c;

/// <summary>
/// wasm2c ahead of time: Debian wabt's <c>wasm2c</c> (its version from <c>wasm2c --version</c>),
/// wabt's runtime sources, and clang-22. Ready once the project's host compiles (done here, at
/// discovery, and cached), so a broken toolchain is listed as broken with clang's message.
/// </summary>
public sealed partial class Wasm2cProvider : IEngineProvider
{
    public const string Install = "apt-get install wabt clang-22";

    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var placeholder = Wasm2cEngine.DescriptorFor("", "") with { Id = $"{Wasm2cEngine.Family}/clang22-O2" };
        var wasm2c = PathLookup.Find("wasm2c");
        var clang = PathLookup.Find(NativeProvider.Compiler);
        var missing = new[] { Wasm2cToolchain.RuntimeSource, Wasm2cToolchain.RuntimeHeader }.Where(f => !File.Exists(f)).ToList();
        if (wasm2c is null || clang is null || missing.Count > 0)
        {
            var what = wasm2c is null ? "wasm2c not on PATH" : clang is null ? $"{NativeProvider.Compiler} not on PATH" : $"{string.Join(", ", missing)} not found";
            yield return new UnavailableEngine(placeholder with { Status = EngineStatus.NotInstalled, Reason = $"{what}: {Install}" });
            yield break;
        }
        var v = ChildProcess.Run(new ChildProcessSpec { FileName = wasm2c, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        var version = Version().Match(v.Stdout.Trim());
        if (v.ExitCode != 0 || !version.Success)
        {
            yield return new UnavailableEngine(placeholder with
            {
                Source = wasm2c, Status = EngineStatus.Broken,
                Reason = $"'{wasm2c} --version' exited {v.ExitCode} and printed '{(v.Stdout + v.Stderr).Trim()}' (expected a version like 1.0.32)",
            });
            yield break;
        }
        var c = ChildProcess.Run(new ChildProcessSpec { FileName = clang, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        var clangVersion = Version().Match(c.Stdout.Split('\n')[0].Split(' ').FirstOrDefault(w => w.Length > 0 && char.IsDigit(w[0])) ?? "");
        var toolchain = new Wasm2cToolchain(env, wasm2c, clang);
        var engine = new Wasm2cEngine(env, toolchain, version.Groups[1].Value, clangVersion.Success ? clangVersion.Value : "22");
        if (toolchain.HostObjects(out var broken) is null)
            yield return new UnavailableEngine(engine.Descriptor with { Status = EngineStatus.Broken, Reason = broken });
        else
            yield return engine;
    }

    [GeneratedRegex(@"^(\d+\.\d+(\.\d+)?)")]
    private static partial Regex Version();
}
