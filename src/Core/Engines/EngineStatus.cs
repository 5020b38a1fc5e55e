namespace Observatory.Core.Engines;

public enum EngineStatus
{
    Ready,
    NotInstalled,
    Broken,
}

public static class EngineStatusNames
{
    public static string ToWire(this EngineStatus s) => s switch
    {
        EngineStatus.Ready => "ready",
        EngineStatus.NotInstalled => "not-installed",
        EngineStatus.Broken => "broken",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
