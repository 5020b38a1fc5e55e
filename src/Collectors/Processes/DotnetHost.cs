namespace Observatory.Collectors.Processes;

/// <summary>The `dotnet` host that runs observatory.dll in worker processes: the one running us when we are dotnet, else PATH.</summary>
public static class DotnetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var self = Environment.ProcessPath;
        if (self is not null && System.IO.Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (root is not null && File.Exists(System.IO.Path.Combine(root, "dotnet"))) return System.IO.Path.Combine(root, "dotnet");
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (dir.Length > 0 && File.Exists(System.IO.Path.Combine(dir, "dotnet"))) return System.IO.Path.Combine(dir, "dotnet");
        return "dotnet";
    }
}
