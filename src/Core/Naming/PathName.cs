using System.Text.RegularExpressions;

namespace Observatory.Core.Naming;

/// <summary>
/// The one rule for names that become parts of paths (workload and variant names in artifacts, scratch and
/// bundle directories): letters, digits, '.', '_', '+', '-', starting with a letter or digit, no "..", at most
/// 100 characters. So `../../../../some/dir` can never steer a write or a recursive delete out of results/.
/// </summary>
public static partial class PathName
{
    public const string Rule = "letters, digits, '.', '_', '+' or '-', starting with a letter or digit, without '..', at most 100 characters";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$")]
    private static partial Regex Allowed();

    public static bool IsValid(string? name) => name is not null && Allowed().IsMatch(name) && !name.Contains("..", StringComparison.Ordinal);

    /// <summary>The name itself when it follows the rule; otherwise an <see cref="UnsafePathException"/> naming what it is.</summary>
    public static string Require(string what, string name) =>
        IsValid(name) ? name : throw new UnsafePathException($"{what} '{name}' cannot become a directory name ({Rule})");

    /// <summary>
    /// The one directory name for an engine id wherever one becomes a path (scratch, conformance scratch):
    /// ids contain '/' and '+' (wasmtime-50.0.1/cranelift+pooling), so '/' becomes "__" and '+' "_p_"
    /// (distinct ids stay distinct: no id contains "__"), anything else outside the rule '_'.
    /// </summary>
    public static string ForEngine(string engineId)
    {
        var mapped = string.Concat(engineId.Select(c => c switch
        {
            '/' => "__",
            '+' => "_p_",
            _ when char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' => c.ToString(),
            _ => "_",
        })).Replace("..", "_.", StringComparison.Ordinal);
        if (mapped.Length > 0 && !char.IsAsciiLetterOrDigit(mapped[0])) mapped = "e" + mapped;
        return Require("engine id", mapped.Length > 100 ? mapped[..100] : mapped);
    }
}
