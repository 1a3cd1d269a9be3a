using ChatRouter.Diagnostics;

namespace ChatRouter.Review;

/// <summary>The intents nearest a misspelt one, for the 400 of a review label with an unknown intent.</summary>
public static class ClosestIntents
{
    /// <summary>
    /// Up to <paramref name="count"/> of <paramref name="known"/>, nearest first by edit distance (adjacent swaps count
    /// one), ties by name. Every known intent is a candidate: a trainer who typed "refund" for "return_item" still
    /// needs a list to pick from.
    /// </summary>
    public static IReadOnlyList<string> Of(string intent, IEnumerable<string> known, int count = 5)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(known);
        return known.Distinct(StringComparer.Ordinal)
            .Select(k => (Intent: k, Distance: Suggest.Distance(intent, k)))
            .OrderBy(k => k.Distance).ThenBy(k => k.Intent, StringComparer.Ordinal)
            .Take(count).Select(k => k.Intent).ToList();
    }
}
