namespace Observatory.Collectors.Engines.Contract;

/// <summary>The engine cannot run this module (invalid bytes, a feature it lacks, an import it does not provide, no entry point): <c>unsupported</c>.</summary>
public sealed class ModuleRefusedException(string message) : Exception(message);

/// <summary>The guest trapped before its entry point ran (start function, out-of-bounds segment): <c>trap</c>.</summary>
public sealed class GuestTrapException(string message) : Exception(message);
