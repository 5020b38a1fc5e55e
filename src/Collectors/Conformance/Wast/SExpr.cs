namespace Observatory.Collectors.Conformance.Wast;

/// <summary>One node of a .wast file's S-expression tree, with its source span [Start, End).</summary>
public abstract record SExpr(int Start, int End);

public sealed record SAtom(string Text, int Start, int End) : SExpr(Start, End)
{
    public override string ToString() => Text;
}

/// <summary>A string literal, already decoded to its bytes (escapes resolved, other characters as UTF-8).</summary>
public sealed record SString(byte[] Bytes, int Start, int End) : SExpr(Start, End)
{
    public string Utf8 => System.Text.Encoding.UTF8.GetString(Bytes);
}

public sealed record SList(IReadOnlyList<SExpr> Items, int Start, int End) : SExpr(Start, End)
{
    /// <summary>The keyword at the head of the list, or null when the list is empty or starts with something else.</summary>
    public string? Head => Items.Count > 0 && Items[0] is SAtom a ? a.Text : null;
}
