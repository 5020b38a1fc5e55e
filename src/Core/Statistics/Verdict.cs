namespace Observatory.Core.Statistics;

/// <summary>
/// Outcome of comparing a diff run with a base run for one cell. Lower time is
/// <see cref="Faster"/>. <see cref="Same"/> means "no demonstrated change beyond the
/// threshold", which includes "too noisy to tell"; the result's Reason says which.
/// </summary>
public enum Verdict
{
    Same,
    Faster,
    Slower,
}
