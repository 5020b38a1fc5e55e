namespace Observatory.Harness.Cli;

/// <summary>The known name closest to a mistyped one (Levenshtein distance), for "did you mean" hints.</summary>
public static class NearestName
{
    /// <summary>The closest candidate, or null when none is close enough to be a plausible typo.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(typed, c);
            if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)) (best, bestDistance) = (c, d);
        }
        // A prefix ("--eng" for "--engines") or a couple of slips; anything further is a different word.
        var plausible = best is not null && (best.StartsWith(typed, StringComparison.Ordinal) || bestDistance <= Math.Max(2, typed.Length / 3));
        return plausible ? best : null;
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
