namespace Observatory.Core.Statistics;

/// <summary>
/// Benjamini-Hochberg (1995) false-discovery-rate adjustment. A comparison matrix
/// tests hundreds of workload × engine cells at once; at α = 0.05 a few "significant"
/// cells would appear by chance alone. Adjusting controls the expected share of
/// false alarms among the flagged cells.
/// </summary>
public static class BenjaminiHochberg
{
    /// <summary>
    /// Adjusted p-values, identical to R's <c>p.adjust(p, method = "BH")</c>:
    /// p_(i)·n/i made monotone by a running minimum from the largest p down, capped at 1,
    /// returned in input order. NaN entries (cells without a test) stay NaN and are not
    /// counted in n, as R does with NA.
    /// </summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var present = new List<int>(p.Count);
        for (int i = 0; i < p.Count; i++)
        {
            if (double.IsNaN(p[i])) continue;
            Descriptive.CheckProbability(p[i], nameof(p));
            present.Add(i);
        }

        var adjusted = new double[p.Count];
        Array.Fill(adjusted, double.NaN);
        int n = present.Count;
        // Stable sort by p descending; ties get equal adjusted values whatever their order.
        var order = present.OrderByDescending(i => p[i]).ToArray();
        double runningMin = 1;
        for (int r = 0; r < n; r++)
        {
            int rank = n - r; // 1-based rank in ascending order
            int index = order[r];
            runningMin = Math.Min(runningMin, (double)n / rank * p[index]);
            adjusted[index] = runningMin;
        }
        return adjusted;
    }
}
