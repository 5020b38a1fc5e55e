using Observatory.Collectors.Engines.JavaScript;
using Observatory.Core.Engines;

namespace Observatory.Collectors.Engines.Emulation;

/// <summary>
/// V8 on other instruction sets: the npm Node builds for aarch64, s390x, ppc64le and armv7l
/// (pinned in package.json), each run under qemu-user in V8's tiers, ids
/// <c>node-VERSION-ISA/TIER</c>. A missing package, qemu binary or cross library makes the
/// engine not installed (broken, with the loader's own message, when qemu starts but the binary cannot load), never dropped.
/// </summary>
public sealed class EmulatedNodeProvider(IReadOnlyList<ForeignIsa>? isas = null) : IEngineProvider
{
    private readonly IReadOnlyList<ForeignIsa> _isas = isas ?? ForeignIsa.All;

    public IEnumerable<IEngine> Discover(EngineEnvironment env)
    {
        foreach (var isa in _isas)
        {
            var runtime = Find(env, isa, out var status, out var reason);
            if (runtime is null)
            {
                yield return Unavailable(isa, status, reason);
                continue;
            }
            var version = Version(env, runtime, out var why);
            if (version is null)
            {
                yield return Unavailable(isa, EngineStatus.Broken, why);
                continue;
            }
            foreach (var tier in JsTier.V8)
                yield return new JsEngine(env, runtime, tier, version, "");
        }
    }

    /// <summary>The foreign Node of <paramref name="isa"/> under qemu-user, or null with why it cannot run.</summary>
    public static JsRuntime? Find(EngineEnvironment env, ForeignIsa isa, out EngineStatus status, out string reason)
    {
        status = EngineStatus.NotInstalled;
        var binary = Path.Combine(env.NodeModules, isa.NodePackage, "bin", "node");
        if (!File.Exists(binary))
        {
            reason = $"{binary} not found: {JsProvider.InstallHint} (package {isa.NodePackage} = npm {isa.NodeNpmName}, a foreign-CPU package: npm ci --force)";
            return null;
        }
        var qemu = QemuUser.Find(isa, out reason);
        if (qemu is null) return null;
        status = EngineStatus.Ready;
        return new JsRuntime("node", binary, $"npm {isa.NodePackage} ({binary}) under {qemu.QemuBinary}") { Emulator = qemu };
    }

    /// <summary>
    /// The foreign Node's version: one start of the binary per ISA (slow under emulation; a successful answer is
    /// cached), the tiers being V8's standard flags. Null with the loader's or qemu's message when it cannot start.
    /// </summary>
    public static string? Version(EngineEnvironment env, JsRuntime runtime, out string reason)
    {
        reason = "";
        var qemu = runtime.Emulator!.QemuBinary;
        if (ProbeCache.Get(env, runtime.Binary, qemu) is { Length: > 0 } cached) return cached;
        var probe = runtime.Probe([], new Dictionary<string, string>(), out reason);
        if (probe is null) return null;
        ProbeCache.Put(env, runtime.Binary, qemu, probe.Value.Version);
        return probe.Value.Version;
    }

    private static UnavailableEngine Unavailable(ForeignIsa isa, EngineStatus status, string reason) => new(new EngineDescriptor
    {
        Id = $"{isa.NodePackage}/*", Family = "node", Version = "", Tier = "*", Status = status, Reason = reason,
        Isa = isa.Isa, Emulated = true,
    });
}
