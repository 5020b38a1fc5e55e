using Observatory.Core.Workloads;
using Observatory.Harness.Cli;
using Observatory.Harness.Corpus;

namespace Observatory.Harness.Commands;

/// <summary>Builds the corpus (wasm + native), cached by content hash.</summary>
public sealed class BuildCommand
{
    public int Execute(WorkloadSelection selection, bool json, CommandContext context)
    {
        var workloads = LoadWorkloads(selection, context);
        var log = json ? context.Error : context.Out;
        var builder = new WorkloadBuilder(context.ArtifactsDirectory, new Toolchain(Path.Combine(context.ResultsDirectory, "toolchain")), log, context.RepositoryRoot);
        var built = builder.BuildAll(workloads, selection.Variants);
        var failed = built.Count(b => !b.Ok);
        if (json)
        {
            context.Out.WriteLine(ToJson(built));
            return failed == 0 ? 0 : 1;
        }
        var table = new TextTable("workload", "variant", "wasm bytes", "wasm sha256", "cached", "status");
        foreach (var b in built)
            table.Add(b.Workload.Name, b.Variant.Name, b.WasmPath is null ? "" : new FileInfo(b.WasmPath).Length.ToString(),
                b.WasmSha256?[..16], b.Cached ? "yes" : "no", b.Ok ? "ok" : "FAILED: " + b.Error!.Split('\n').Last());
        table.Write(context.Out);
        context.Out.WriteLine($"{built.Count - failed} built, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static string ToJson(IEnumerable<BuildArtifact> built)
    {
        var arr = new System.Text.Json.Nodes.JsonArray();
        foreach (var b in built)
            arr.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["workload"] = b.Workload.Name, ["variant"] = b.Variant.Name, ["ok"] = b.Ok, ["cached"] = b.Cached,
                ["wasm"] = b.WasmPath, ["wasmBytes"] = b.WasmPath is null ? null : new FileInfo(b.WasmPath).Length, ["wasmSha256"] = b.WasmSha256,
                ["native"] = b.NativePath, ["nativeSha256"] = b.NativeSha256, ["error"] = b.Error,
            });
        return arr.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
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
