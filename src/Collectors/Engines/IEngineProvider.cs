namespace Observatory.Collectors.Engines;

/// <summary>Finds the configurations of one runtime family on this machine, ready or not.</summary>
public interface IEngineProvider
{
    IEnumerable<IEngine> Discover(EngineEnvironment env);
}
