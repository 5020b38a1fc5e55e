using Observatory.Core.Naming;
using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Commands;

/// <summary>
/// What `run --wasm PATH` names: a module file; a Sightglass benchmark directory (it holds
/// benchmark.wasm, and a file path to a benchmark.wasm means its directory); or a tree with
/// benchmark directories below it, each one workload named after its path in the tree.
/// </summary>
public static class ForeignModuleSelection
{
    public static IReadOnlyList<ForeignModule> From(RunSettings s)
    {
        var path = s.Wasm ?? throw new ArgumentException("no --wasm given", nameof(s));
        OutputComparison? comparison = null;
        if (s.Compare is { } c)
            comparison = OutputComparisonNames.TryParse(c, out var parsed) ? parsed
                : throw new UsageException($"--compare expects lines or bytes (got '{c}')");
        if (s.Name is { } n && !PathName.IsValid(n))
            throw new UsageException($"--name '{n}' is not a usable workload name ({PathName.Rule})");

        if (File.Exists(path) && Path.GetFileName(path) != SightglassLayout.ModuleFile)
            return [Single(s, path, comparison)];
        var dir = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        if (!Directory.Exists(dir))
            throw new FileNotFoundException($"--wasm {path}: no such file or directory");
        if (s.Dir is not null) throw new UsageException($"--dir goes with --wasm FILE; a benchmark directory's *.input files are its preopened root (--wasm {path})");
        if (s.ExpectStdout is not null || s.ExpectStderr is not null)
            throw new UsageException($"--expect-stdout/--expect-stderr go with --wasm FILE; a benchmark directory has *.stdout.expected/*.stderr.expected (--wasm {path})");
        if (SightglassLayout.IsBenchmarkDirectory(dir))
            return [Benchmark(s, SightglassLayout.Read(dir), s.Name ?? AdHocModule.NameFrom(Path.GetFileName(Path.GetFullPath(dir).TrimEnd('/'))), comparison)];
        if (s.Name is not null) throw new UsageException($"--name names one module; the benchmarks under {path} are named by their directories");
        var found = SightglassLayout.FindBelow(dir);
        if (found.Count == 0)
            throw new UsageException($"--wasm {path}: no {SightglassLayout.ModuleFile} in or below this directory (give a module file, a benchmark directory or a tree of them)");
        var root = Path.GetFullPath(dir);
        var modules = found.Select(d => Benchmark(s, SightglassLayout.Read(d), AdHocModule.NameFrom(Path.GetRelativePath(root, d).Replace('/', '-')), comparison)).ToList();
        if (modules.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"--wasm {path}: {string.Join(" and ", twice.Select(m => m.Origin))} would both be workload {twice.Key}; rename one directory");
        return modules;
    }

    private static ForeignModule Single(RunSettings s, string file, OutputComparison? comparison)
    {
        foreach (var (option, f) in new[] { ("--expect-stdout", s.ExpectStdout), ("--expect-stderr", s.ExpectStderr) })
            if (f is not null && !File.Exists(f)) throw new FileNotFoundException($"{option} {f}: no such file", f);
        var streams = new ExpectedStreams(s.ExpectStdout, s.ExpectStderr, comparison ?? OutputComparison.Bytes);
        if (comparison is not null && !streams.ChecksAnything)
            throw new UsageException("--compare goes with --expect-stdout/--expect-stderr or a benchmark directory's *.expected files");
        return new ForeignModule
        {
            WasmFile = file,
            Origin = file,
            Name = s.Name ?? AdHocModule.NameFrom(Path.GetFileNameWithoutExtension(file)),
            Args = s.ModuleArguments,
            StdinFile = s.Stdin,
            GuestRoot = s.Dir,
            Expected = streams.ChecksAnything ? ExpectedOutput.Files(streams) : ExpectedOutput.SameAsNative,
        };
    }

    private static ForeignModule Benchmark(RunSettings s, SightglassLayout b, string name, OutputComparison? comparison)
    {
        var streams = new ExpectedStreams(b.StdoutExpected, b.StderrExpected, comparison ?? OutputComparison.Lines);
        return new ForeignModule
        {
            WasmFile = b.Module,
            Origin = b.Directory,
            Name = name,
            Args = s.ModuleArguments,
            StdinFile = s.Stdin,
            InputFiles = b.Inputs,
            Expected = streams.ChecksAnything ? ExpectedOutput.Files(streams) : ExpectedOutput.SameAsNative,
        };
    }
}
