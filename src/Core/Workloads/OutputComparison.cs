namespace Observatory.Core.Workloads;

/// <summary>
/// How a module's output is held against an expected file. Lines (Sightglass's rule): the same
/// lines, a missing or extra newline at the very end is no difference. Bytes: identical files.
/// </summary>
public enum OutputComparison
{
    Lines,
    Bytes,
}

public static class OutputComparisonNames
{
    public static string ToWire(this OutputComparison c) => c == OutputComparison.Lines ? "lines" : "bytes";

    public static bool TryParse(string text, out OutputComparison c)
    {
        switch (text)
        {
            case "lines": c = OutputComparison.Lines; return true;
            case "bytes": c = OutputComparison.Bytes; return true;
            default: c = OutputComparison.Bytes; return false;
        }
    }
}
