using Observatory.Collectors.Processes;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Native;

public sealed class NativeProvider : IEngineProvider
{
    public const string Compiler = "clang-22";

    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = Compiler, Arguments = ["--version"], Timeout = TimeSpan.FromSeconds(20) });
        if (r.ExitCode != 0)
        {
            yield return new UnavailableEngine(new EngineDescriptor
            {
                Id = "native", Family = "native", Version = "", Tier = "aot", IsNative = true,
                Status = EngineStatus.NotInstalled,
                Reason = $"{Compiler} not found: apt-get install clang-22 lld-22",
            });
            yield break;
        }
        var first = r.Stdout.Split('\n')[0];
        var version = first.Split(' ').FirstOrDefault(w => w.Length > 0 && char.IsDigit(w[0]) && w.Contains('.')) ?? first;
        yield return new NativeEngine($"clang-{version}");
    }
}
