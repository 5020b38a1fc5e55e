namespace Observatory.Core.Statistics;

/// <summary>
/// Alternative hypothesis of a two-sample test, named as in R's <c>wilcox.test</c>:
/// <see cref="Greater"/> means x tends to be larger than y.
/// </summary>
public enum Alternative
{
    TwoSided,
    Less,
    Greater,
}
