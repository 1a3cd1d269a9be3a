namespace ChatRouter.Experiments;

/// <summary>
/// Holm's step-down correction: with m comparisons against the control, the k-th smallest p-value is multiplied
/// by (m − k + 1), and adjusted values never decrease along the order. It keeps the chance of any false winner
/// at 5 %, like Bonferroni, while rejecting at least as often.
/// </summary>
public static class Holm
{
    /// <summary>The adjusted p-values, in the order given.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1, (m - k) * pValues[order[k]]));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }
}
