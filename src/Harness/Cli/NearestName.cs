namespace Observatory.Harness.Cli;

/// <summary>The known name closest to a mistyped one (Levenshtein distance), for "did you mean" hints.</summary>
public static class NearestName
{
    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        var names = candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // A prefix ("--eng" for "--engines") is what the user meant to finish typing.
        var completion = names.Where(n => n.Length > typed.Length && n.StartsWith(typed, StringComparison.Ordinal)).MinBy(n => n.Length);
        if (completion is not null) return completion;
        var best = names.MinBy(n => Distance(typed, n));
        // A couple of slips, a few more in a long name; anything further is a different word.
        return best is not null && Distance(typed, best) <= Math.Max(2, typed.Length / 3) ? best : null;
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
