using ChatRouter.Nlu.Data;
using ChatRouter.Nlu.Features;

namespace ChatRouter.Nlu.Training;

/// <summary>
/// The rows a model never trains on, kept in the model file so a newer model can be compared with it before
/// release. A row is held out when the hash of its normalised text falls in the share: membership depends only
/// on the text, so a text held out of one data revision is held out of the next, and neither the old model nor
/// the new one has seen the rows they are compared on. An intent keeps at least two training rows.
/// </summary>
internal static class HoldOutSplit
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static (List<LabeledText> Training, List<LabeledText> HeldOut) Split(IReadOnlyList<LabeledText> rows, double share)
    {
        if (share <= 0) return ([.. rows], []);
        var limit = (ulong)(share * 10_000);
        var heldOut = rows.Select(r => Hash(TextNormalization.Normalize(r.Text, foldDiacritics: true)) % 10_000 < limit).ToArray();
        foreach (var group in rows.Select((r, i) => (r.Intent, i)).GroupBy(r => r.Intent, StringComparer.Ordinal))
        {
            var indices = group.Select(g => g.i).ToArray();
            if (indices.Count(i => !heldOut[i]) >= 2) continue;
            foreach (var i in indices) heldOut[i] = false;
        }

        return ([.. rows.Where((_, i) => !heldOut[i])], [.. rows.Where((_, i) => heldOut[i])]);
    }

    /// <summary>64-bit FNV-1a of the UTF-16 text: the same on every machine and run.</summary>
    private static ulong Hash(string text)
    {
        var hash = Offset;
        foreach (var c in text) hash = (hash ^ c) * Prime;
        return hash;
    }
}
