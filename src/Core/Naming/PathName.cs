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
}
