using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Commands;

/// <summary>Builds the corpus (wasm + native), cached by content hash.</summary>
public sealed class BuildCommand : ICommand
{
    public string Name => "build";
    public string Summary => "build the workload corpus to wasm and native (cached by content hash)";
    public string Usage => """
        observatory build [--workloads GLOB] [--variants GLOB] [--workload-dir DIR]
          --workloads GLOB    only workloads whose name matches (e.g. 'nbody,sha*')
          --variants GLOB     only variants whose name matches (e.g. 'O2')
          --workload-dir DIR  corpus root (default: workloads/ of the repository)
        Artifacts go to results/artifacts/NAME/VARIANT-HASH/. Exit code 1 if any build failed.
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--workloads", "--variants", "--workload-dir", "--db"];
    public IReadOnlyCollection<string> FlagOptions => [];

    public int Execute(CommandArgs args, CommandContext context)
    {
        var workloads = LoadWorkloads(args, context);
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain")), context.Out, context.RepositoryRoot);
        var built = builder.BuildAll(workloads, args.Value("--variants"));
        var table = new TextTable("workload", "variant", "wasm bytes", "wasm sha256", "cached", "status");
        foreach (var b in built)
            table.Add(b.Workload.Name, b.Variant.Name, b.WasmPath is null ? "" : new FileInfo(b.WasmPath).Length.ToString(),
                b.WasmSha256?[..16], b.Cached ? "yes" : "no", b.Ok ? "ok" : "FAILED: " + b.Error!.Split('\n').Last());
        table.Write(context.Out);
        var failed = built.Count(b => !b.Ok);
        context.Out.WriteLine($"{built.Count - failed} built, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    internal static IReadOnlyList<WorkloadManifest> LoadWorkloads(CommandArgs args, CommandContext context)
    {
        var dir = args.Value("--workload-dir") ?? context.WorkloadsDirectory;
        var all = WorkloadManifestLoader.LoadAll(dir);
        var glob = args.Value("--workloads");
        var chosen = all.Where(w => Glob.Matches(glob, w.Name)).ToList();
        if (chosen.Count == 0)
            throw new UsageException($"no workload in {dir} matches '{glob}' (have: {string.Join(", ", all.Select(w => w.Name))})");
        return chosen;
    }
}
