namespace Observatory.Tests.Support;

/// <summary>Locations in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Workloads => Path.Combine(Root, "workloads");

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Observatory.sln"))) return d.FullName;
        throw new InvalidOperationException("tests must run inside the repository (Observatory.sln not found above " + AppContext.BaseDirectory + ")");
    }
}
