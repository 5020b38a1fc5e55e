using System.Text.RegularExpressions;
using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Wabt;

/// <summary>wabt's <c>wasm-interp</c> on PATH (Debian package wabt), its version from <c>wasm-interp --version</c>.</summary>
public sealed class WabtProvider : IEngineProvider
{
    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var binary = PathLookup.Find("wasm-interp");
        if (binary is null)
        {
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "wabt/interp", Family = "wabt", Version = "", Tier = "interp", SupportsWasi = false,
                Status = EngineStatus.NotInstalled, Reason = "wasm-interp not on PATH: apt-get install wabt",
            });
            yield break;
        }
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = binary, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        var m = Regex.Match(r.Stdout.Trim(), @"^(\d+\.\d+(\.\d+)?)");
        if (r.ExitCode != 0 || !m.Success)
        {
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "wabt/interp", Family = "wabt", Version = "", Tier = "interp", SupportsWasi = false, Source = binary,
                Status = EngineStatus.Broken, Reason = $"'{binary} --version' exited {r.ExitCode} and printed '{(r.Stdout + r.Stderr).Trim()}' (expected a version like 1.0.32)",
            });
            yield break;
        }
        yield return new WasmInterpEngine(binary, m.Groups[1].Value);
    }
}
