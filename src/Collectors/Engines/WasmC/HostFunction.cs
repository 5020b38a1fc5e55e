namespace Observatory.Collectors.Engines.WasmC;

/// <summary>A host function's body: integer arguments in, an integer result out (WASI uses only i32/i64).</summary>
public delegate long HostCall(ReadOnlySpan<long> args);

/// <summary>
/// One function the host provides to a module: where it is imported from, its wasm
/// signature (wasm.h value kinds) and its body. Engine-neutral: the wasm.h layer turns
/// it into a <c>wasm_func_t</c>.
/// </summary>
public sealed record HostFunction(string Module, string Name, byte[] Params, byte[] Results, HostCall Call)
{
    public string QualifiedName => $"{Module}.{Name}";
}

/// <summary>The linear memory a host function reads and writes: the instance's exported memory.</summary>
public interface IGuestMemory
{
    Span<byte> Bytes { get; }
}

/// <summary>Thrown by a host function to stop the guest with a trap (proc_exit uses it to carry the exit code).</summary>
public sealed class HostTrapException(string message, int? exitCode = null) : Exception(message)
{
    public int? ExitCode { get; } = exitCode;
}
