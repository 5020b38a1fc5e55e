using Observatory.Collectors.Engines.WasmC;
using Observatory.Collectors.Engines.Wasmtime;
using Observatory.Core.Engines;
using Observatory.Core.Runs;

namespace Observatory.Tests.Collectors;

/// <summary>The wasm.h engine pointed at libraries that are not wasm.h engines, and how it names the ones that are.</summary>
public sealed class WasmCLibraryTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    [Fact]
    public void A_shared_library_without_the_wasm_h_symbols_is_broken_with_the_missing_symbols()
    {
        var libz = new[] { "/usr/lib/x86_64-linux-gnu/libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1" }.First(File.Exists);
        var d = WasmCProvider.ForPath(Bed.Env, libz).Descriptor;
        Assert.Equal(EngineStatus.Broken, d.Status);
        Assert.Contains("is not a wasm.h library", d.Reason);
        Assert.Contains("wasm_engine_new", d.Reason);
    }

    [Fact]
    public void A_file_that_is_not_a_shared_library_is_broken_with_the_dlopen_error()
    {
        var d = WasmCProvider.ForPath(Bed.Env, Bed.Temp.Write("fake/libfake.so", "not an ELF file")).Descriptor;
        Assert.Equal(EngineStatus.Broken, d.Status);
        Assert.Contains("cannot load", d.Reason);
        Assert.Contains("libfake.so", d.Reason);
    }

    [Fact]
    public void A_missing_library_is_not_installed_and_a_run_on_it_is_unsupported()
    {
        var engine = WasmCProvider.ForPath(Bed.Env, "/nonexistent/libwasmer.so");
        Assert.Equal(EngineStatus.NotInstalled, engine.Descriptor.Status);
        Assert.Contains("/nonexistent/libwasmer.so does not exist", engine.Descriptor.Reason);
        var r = Bed.Run(engine, Bed.ProbeWasm, Bed.Temp.Combine("wasmc-missing"));
        Assert.Equal(Outcome.Unsupported, r.ProcessFailure);
    }

    [Fact]
    public void The_bundled_libwasmtime_is_named_by_its_package_version_and_results_say_which_library_ran()
    {
        var lib = WasmCProvider.BundledLibwasmtime(Bed.Env);
        Assert.NotNull(lib);
        var d = WasmCProvider.ForPath(Bed.Env, lib!).Descriptor;
        Assert.Equal(EngineStatus.Ready, d.Status);
        // Given by path, the name comes from the file and the version from the library or its hash.
        Assert.StartsWith("wasmc-wasmtime-", d.Id);
        Assert.Contains(Path.GetFullPath(lib!), d.Source);
        Assert.Contains($"wasmc-wasmtime-{WasmtimeEngine.PackageVersion}", Bed.Engines.Select(e => e.Descriptor.Id));
    }

    [Theory]
    [InlineData("/opt/wasmer/lib/libwasmer.so", "wasmer")]
    [InlineData("/usr/lib/libiwasm.so.2", "iwasm")]
    [InlineData("/x/libwasmtime.so", "wasmtime")]
    public void Library_names_come_from_the_file_name(string path, string name) => Assert.Equal(name, WasmCLibrary.NameOf(path));

    [Fact]
    public void Versions_come_from_config_then_library_then_path_then_hash()
    {
        Assert.Equal("9.9.9", WasmCLibrary.FromPath("/opt/wasmer-4.3.0/lib/libwasmer.so", "t", version: "9.9.9").VersionFor("5.0.0"));
        Assert.Equal("5.0.0", WasmCLibrary.FromPath("/opt/wasmer-4.3.0/lib/libwasmer.so", "t").VersionFor("5.0.0"));
        Assert.Equal("4.3.0", WasmCLibrary.FromPath("/opt/wasmer-4.3.0/lib/libwasmer.so", "t").VersionFor(null));
        var file = Bed.Temp.Write("hashed/libx.so", "x");
        Assert.Matches("^sha-[0-9a-f]{10}$", WasmCLibrary.FromPath(file, "t").VersionFor(null));
    }
}
