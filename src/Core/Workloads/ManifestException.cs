namespace Observatory.Core.Workloads;

/// <summary>A workload.toml that cannot be used; the message names the file and line.</summary>
public sealed class ManifestException(string path, int line, int column, string problem)
    : Exception($"{path}:{line}:{column}: {problem}")
{
    public string PathName { get; } = path;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Problem { get; } = problem;
}
