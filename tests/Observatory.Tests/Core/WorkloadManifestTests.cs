using Observatory.Core.Workloads;
using Observatory.Tests.Support;

namespace Observatory.Tests.Core;

public class WorkloadManifestTests
{
    private static string Valid(string extra = "") => $"""
        name = "demo"
        category = "kernel"
        language = "c"
        sources = ["main.c"]
        tags = ["x"]
        {extra}
        """;

    private static (TempDirectory Dir, string Path) Write(string toml)
    {
        var dir = new TempDirectory();
        dir.Write("demo/main.c", "int main(void){return 0;}");
        return (dir, dir.Write("demo/workload.toml", toml));
    }

    [Fact]
    public void Parses_a_valid_manifest_with_variants_and_profiles()
    {
        var (dir, path) = Write(Valid("""
            expect = "native"
            [variants.O2]
            flags = ["-O2"]
            [variants.O3-simd]
            flags = ["-O3"]
            wasm_flags = ["-msimd128"]
            [profiles]
            quick = ["100"]
            standard = ["1000"]
            """));
        using (dir)
        {
            var w = WorkloadManifestLoader.Load(path);
            Assert.Equal("demo", w.Name);
            Assert.Equal(["O2", "O3-simd"], w.Variants.Select(v => v.Name));
            Assert.Equal(["-msimd128"], w.Variants[1].WasmFlags);
            Assert.Equal(["100"], w.ArgsFor("quick"));
            Assert.Equal(["1000"], w.ArgsFor("standard"));
            Assert.True(w.Expected.IsSameAsNative);
        }
    }

    [Fact]
    public void Defaults_to_one_O2_variant_and_quick_args_for_missing_profiles()
    {
        var (dir, path) = Write(Valid("[profiles]\nquick = [\"7\"]"));
        using (dir)
        {
            var w = WorkloadManifestLoader.Load(path);
            Assert.Equal("O2", Assert.Single(w.Variants).Name);
            Assert.Equal(["7"], w.ArgsFor("standard"));
        }
    }

    [Fact]
    public void Invalid_toml_names_the_file_and_line()
    {
        var (dir, path) = Write("name = \"demo\"\ncategory = \"kernel\"\nlanguage = = \"c\"\n");
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.Equal(path, e.PathName);
            Assert.Equal(3, e.Line);
            Assert.StartsWith($"{path}:3:", e.Message);
        }
    }

    [Theory]
    [InlineData("../../../../some/dir")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("O2..x")]
    [InlineData("-O2")]
    public void A_variant_name_that_could_leave_the_results_directory_is_refused_at_its_line(string variant)
    {
        var (dir, path) = Write(Valid($"[variants.\"{variant}\"]\nflags = [\"-O2\"]"));
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.StartsWith($"{path}:6:", e.Message);
            Assert.Contains($"variant name '{variant}' must be letters, digits", e.Message);
        }
    }

    [Theory]
    [InlineData("O2", true)]
    [InlineData("O2-wizer-burst", true)]
    [InlineData("O3-simd+lto", true)]
    [InlineData("a..b", false)]
    [InlineData("", false)]
    [InlineData("x/y", false)]
    public void One_rule_for_names_that_become_paths(string name, bool valid) =>
        Assert.Equal(valid, Observatory.Core.Naming.PathName.IsValid(name));

    [Fact]
    public void Unknown_category_names_the_line_of_the_key()
    {
        var (dir, path) = Write(Valid().Replace("\"kernel\"", "\"kernels\""));
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.Equal(2, e.Line);
            Assert.Contains("kernel | serverless | analytics | llm", e.Message);
        }
    }

    [Fact]
    public void Missing_source_file_is_reported_with_its_line()
    {
        var (dir, path) = Write(Valid().Replace("main.c", "nope.c"));
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.Equal(4, e.Line);
            Assert.Contains("nope.c", e.Message);
        }
    }

    [Fact]
    public void Unknown_keys_and_bad_expectations_are_errors_not_ignored()
    {
        var (dir, path) = Write(Valid("argz = [\"1\"]"));
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.Equal(6, e.Line);
            Assert.Contains("argz", e.Message);
        }
        var (dir2, path2) = Write(Valid("expect = \"sha256:xyz\""));
        using (dir2)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path2));
            Assert.Equal(6, e.Line);
        }
    }

    [Fact]
    public void Missing_required_key_is_named()
    {
        var (dir, path) = Write("name = \"demo\"\nlanguage = \"c\"\nsources = [\"main.c\"]\n");
        using (dir)
        {
            var e = Assert.Throws<ManifestException>(() => WorkloadManifestLoader.Load(path));
            Assert.Contains("category", e.Message);
        }
    }

    [Fact]
    public void The_real_corpus_loads()
    {
        var all = WorkloadManifestLoader.LoadAll(Repo.Workloads);
        Assert.Contains(all, w => w.Name == "nbody");
        Assert.All(all, w => Assert.Contains(w.Category, WorkloadManifest.Categories));
    }
}
