using Observatory.Collectors.Processes;
using Observatory.Harness.Corpus;
using Observatory.Tests.Support;

namespace Observatory.Tests.Collectors.WasmH;

/// <summary>
/// <c>fake_wasm_h.c</c> (this folder) built by clang-22 into shared libraries, once per test run:
/// the upstream wasm.h vector layout, WAMR's 40-byte layout (with its WAMR-only export and app
/// heap), the upstream layout with a WAMR export (a library that would fool a name check), and
/// WAMR's layout printing partial lines to stdout. Deleted at exit.
/// </summary>
public sealed class FakeWasmHLibraries
{
    private static readonly Lazy<FakeWasmHLibraries> shared = new(() => new FakeWasmHLibraries());
    public static FakeWasmHLibraries Shared => shared.Value;

    private readonly TempDirectory dir = new();

    public string Standard { get; }
    public string Wamr { get; }
    public string StandardWithWamrExport { get; }
    public string NoisyWamr { get; }

    private FakeWasmHLibraries()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => dir.Dispose();
        Standard = Build("libfakestd.so");
        Wamr = Build("libfakewamr.so", "-DWAMR_LAYOUT", "-DWAMR_EXPORT");
        StandardWithWamrExport = Build("libfakestdexport.so", "-DWAMR_EXPORT");
        NoisyWamr = Build("libfakenoisy.so", "-DWAMR_LAYOUT", "-DWAMR_EXPORT", "-DNOISY");
    }

    private string Build(string name, params string[] defines)
    {
        var output = dir.Combine(name);
        var source = Path.Combine(Repo.Root, "tests", "Observatory.Tests", "Collectors", "WasmH", "fake_wasm_h.c");
        string[] args = ["-shared", "-fPIC", "-O1", "-Wall", "-Wextra", "-Werror", .. defines, "-o", output, source];
        var r = ChildProcess.Run(new ChildProcessSpec { FileName = Toolchain.Clang, Arguments = args, Timeout = TimeSpan.FromMinutes(2) });
        if (r.ExitCode != 0) throw new InvalidOperationException($"clang-22 {string.Join(' ', args)} failed: {r.Stderr}");
        return output;
    }
}
