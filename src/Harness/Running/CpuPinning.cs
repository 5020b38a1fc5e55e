using System.Text.RegularExpressions;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;
using Observatory.Harness.Cli;

namespace Observatory.Harness.Running;

/// <summary>
/// `--pin CPUS`: pins the observatory process, every thread of it, to a CPU list with
/// util-linux's taskset; engine processes it starts inherit the mask. Pinning keeps the
/// scheduler from migrating a benchmark between cores mid-sample. The list is recorded
/// in the run's protocol and fingerprint, since pinned and unpinned numbers differ.
/// </summary>
public static partial class CpuPinning
{
    [GeneratedRegex(@"^\d+(-\d+)?(,\d+(-\d+)?)*$")]
    private static partial Regex ListSyntax();

    /// <summary>Parses a taskset-style CPU list ("1", "0,2", "0-1") into CPU numbers.</summary>
    public static IReadOnlyList<int> Parse(string list)
    {
        if (!ListSyntax().IsMatch(list))
            throw new UsageException($"--pin expects a CPU list such as 1, 0,2 or 0-1 (got '{list}')");
        var cpus = new SortedSet<int>();
        foreach (var part in list.Split(','))
        {
            var ends = part.Split('-').Select(int.Parse).ToArray();
            var (lo, hi) = ends.Length == 1 ? (ends[0], ends[0]) : (ends[0], ends[1]);
            if (hi < lo) throw new UsageException($"--pin range '{part}' runs backwards");
            for (var c = lo; c <= hi; c++) cpus.Add(c);
        }
        return cpus.ToList();
    }

    /// <summary>Pins this process to <paramref name="list"/>; returns the list as recorded. Every failure names --pin.</summary>
    public static string Apply(string list, int? processId = null)
    {
        var cpus = Parse(list);
        var online = System.Environment.ProcessorCount;
        var bad = cpus.Where(c => c >= online).ToList();
        if (bad.Count > 0)
            throw new UsageException($"--pin {list}: CPU {string.Join(", ", bad)} does not exist here (CPUs 0-{online - 1} are available)");
        var taskset = PathLookup.Find("taskset")
            ?? throw new UsageException("--pin needs taskset on PATH (util-linux: apt-get install util-linux)");
        var normalized = string.Join(',', cpus);
        var r = ChildProcess.Run(new ChildProcessSpec
        {
            FileName = taskset,
            Arguments = ["--all-tasks", "--pid", "--cpu-list", normalized, (processId ?? System.Environment.ProcessId).ToString()],
            Timeout = TimeSpan.FromSeconds(20),
        });
        if (r.ExitCode != 0)
            throw new UsageException($"--pin {list}: taskset failed (exit {r.ExitCode}): {(r.Stderr + r.Stdout).Trim()}");
        return normalized;
    }
}
