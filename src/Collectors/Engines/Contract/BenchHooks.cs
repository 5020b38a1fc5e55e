namespace Observatory.Collectors.Engines.Contract;

/// <summary>
/// What the module's <c>bench.start</c> / <c>bench.end</c> imports call (the Sightglass convention).
/// Engines bind them and nothing else; the recorder's <see cref="RegionClock"/> gives them meaning.
/// The base class does nothing: a burst's region is its request loop, not the module's markers.
/// </summary>
public class BenchHooks
{
    public static BenchHooks None { get; } = new();

    public virtual void Start() { }

    public virtual void End() { }
}
