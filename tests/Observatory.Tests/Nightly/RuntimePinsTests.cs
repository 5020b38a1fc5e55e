using System.Text.RegularExpressions;
using Observatory.Tests.Support;

namespace Observatory.Tests.Nightly;

/// <summary>
/// build/runtimes/pins.tsv as committed: every line is one the install scripts can use (a URL of the project's
/// own release, the version in it, a full sha256 or the word "unpinned"), each runtime covers both nightly CPUs,
/// and every pin says where its digest was found (the comment line above it).
/// </summary>
public class RuntimePinsTests
{
    private static readonly string[] Runtimes = ["wasmtime", "wasmer", "wasmedge", "wamr", "wazero", "wasm3"];
    private static readonly string[] NightlyCpus = ["x86_64", "aarch64"];
    private static readonly string[] Arches = [.. NightlyCpus, "any"];

    private sealed record Pin(string Runtime, string Version, string Arch, string Url, string Sha256, string Provenance);

    private static List<Pin> Committed()
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.Root, "build", "runtimes", "pins.tsv"));
        var pins = new List<Pin>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#')) continue;
            var f = lines[i].Split('\t');
            Assert.True(f.Length == 5, $"pins.tsv:{i + 1}: {f.Length} tab-separated fields, want 5");
            pins.Add(new Pin(f[0], f[1], f[2], f[3], f[4], i > 0 && lines[i - 1].StartsWith('#') ? lines[i - 1] : ""));
        }
        return pins;
    }

    [Fact]
    public void Every_pin_is_a_release_url_with_its_version_and_a_full_digest()
    {
        var pins = Committed();
        Assert.NotEmpty(pins);
        foreach (var p in pins)
        {
            Assert.Contains(p.Runtime, Runtimes);
            Assert.Contains(p.Arch, Arches);
            Assert.StartsWith("https://github.com/", p.Url);
            Assert.Contains(p.Version, p.Url);
            Assert.True(Regex.IsMatch(p.Sha256, "^[0-9a-f]{64}$") || p.Sha256 == "unpinned", $"{p.Url}: sha256 '{p.Sha256}'");
        }
        // One digest names one file: two lines with the same digest would be a copy-paste slip.
        var pinned = pins.Where(p => p.Sha256 != "unpinned").ToList();
        Assert.Equal(pinned.Count, pinned.Select(p => p.Sha256).Distinct().Count());
        Assert.Equal(pins.Count, pins.Select(p => p.Url).Distinct().Count());
    }

    [Fact]
    public void Every_runtime_has_one_release_for_each_nightly_cpu()
    {
        var pins = Committed();
        foreach (var runtime in Runtimes)
        {
            var mine = pins.Where(p => p.Runtime == runtime).ToList();
            Assert.True(mine.Count > 0, $"{runtime} has no line");
            Assert.Single(mine.Select(p => p.Version).Distinct());
            foreach (var cpu in NightlyCpus)
                Assert.True(mine.Count(p => p.Arch == cpu || p.Arch == "any") == 1, $"{runtime}: want exactly one line for {cpu}");
        }
    }

    [Fact]
    public void Every_pinned_digest_names_where_it_was_found()
    {
        foreach (var p in Committed().Where(p => p.Sha256 != "unpinned"))
            Assert.True(p.Provenance.Length > 0, $"{p.Url}: no provenance comment on the line above its pin");
    }
}
