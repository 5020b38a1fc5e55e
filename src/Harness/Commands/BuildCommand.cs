using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Commands;

/// <summary>Builds the corpus (wasm + native), cached by content hash.</summary>
public sealed class BuildCommand
{
    public int Execute(WorkloadSelection selection, CommandContext context)
    {
        var workloads = LoadWorkloads(selection, context);
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain")), context.Out, context.RepositoryRoot);
        var built = builder.BuildAll(workloads, selection.Variants);
        var table = new TextTable("workload", "variant", "wasm bytes", "wasm sha256", "cached", "status");
        foreach (var b in built)
            table.Add(b.Workload.Name, b.Variant.Name, b.WasmPath is null ? "" : new FileInfo(b.WasmPath).Length.ToString(),
                b.WasmSha256?[..16], b.Cached ? "yes" : "no", b.Ok ? "ok" : "FAILED: " + b.Error!.Split('\n').Last());
        table.Write(context.Out);
        var failed = built.Count(b => !b.Ok);
        context.Out.WriteLine($"{built.Count - failed} built, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    internal static IReadOnlyList<WorkloadManifest> LoadWorkloads(WorkloadSelection selection, CommandContext context)
    {
        var dir = selection.WorkloadDirectory ?? context.WorkloadsDirectory;
        var all = WorkloadManifestLoader.LoadAll(dir);
        var glob = selection.Workloads;
        var chosen = all.Where(w => Glob.Matches(glob, w.Name)).ToList();
        if (chosen.Count == 0)
            throw new UsageException($"no workload in {dir} matches '{glob}' (have: {string.Join(", ", all.Select(w => w.Name))})");
        return chosen;
    }
}
