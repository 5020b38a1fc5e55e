using Observatory.Collectors.Processes;
using Observatory.Core.Workloads;

namespace Observatory.Harness.Corpus;

/// <summary>
/// The file tree a workload sees preopened as "/". A workload folder with a
/// prepare.mjs builds it (e.g. clang's headers and sysroot for YoWASP clang) once per
/// artifact; without one, each sample gets an empty writable directory.
/// </summary>
public static class GuestRoot
{
    public const string Script = "prepare.mjs";

    public static bool Needed(WorkloadManifest w) => File.Exists(System.IO.Path.Combine(w.Directory, Script));

    public static string? Prepare(WorkloadManifest w, string root)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = "node",
            Arguments = [System.IO.Path.Combine(w.Directory, Script), root],
            WorkingDirectory = w.Directory,
            Timeout = TimeSpan.FromMinutes(10),
        });
        return r.ExitCode == 0 ? null : $"node {Script} {root} failed (exit {r.ExitCode}): {(r.Stderr + r.Stdout).Trim()}";
    }
}
