using ChatRouter.Routing;
using ChatRouter.Text;

namespace ChatRouter.Nlu.Languages;

/// <summary>
/// Naive Bayes over character 1–3-grams among the locales that have a profile. It answers null when the
/// text has fewer than <see cref="MinimumLetters"/> letters, when fewer than two candidates have a profile, or
/// when most of its n-grams were never seen in any locale (another script or language, which it cannot name).
/// </summary>
internal static class LanguageDetector
{
    public const int MinimumLetters = 3;

    // Laplace smoothing; each n-gram's evidence is tempered because the 1-, 2- and 3-grams of a word overlap
    // and are far from independent, which would otherwise make every guess look certain.
    private const double Smoothing = 0.5;
    private const double Temperature = 0.3;

    public static LanguageGuess? Detect(string text, IReadOnlyCollection<string> candidates, IReadOnlyDictionary<string, LanguageProfile> profiles)
    {
        if (text.Count(char.IsLetter) < MinimumLetters) return null;
        var scored = new List<(string Candidate, LanguageProfile Profile)>();
        foreach (var candidate in candidates)
        {
            var locale = Locales.Find(candidate, profiles.Keys)
                ?? profiles.Keys.FirstOrDefault(k => string.Equals(Locales.Language(k), Locales.Language(candidate), StringComparison.OrdinalIgnoreCase));
            if (locale is not null && !scored.Exists(s => ReferenceEquals(s.Profile, profiles[locale]))) scored.Add((candidate, profiles[locale]));
        }

        if (scored.Count < 2) return null;
        var grams = LanguageProfile.Grams(text).ToList();
        if (grams.Count == 0) return null;
        var unseen = grams.Count(g => scored.TrueForAll(s => s.Profile.Count(g) == 0));
        if (unseen * 2 > grams.Count) return null;

        var vocabulary = scored.Max(s => s.Profile.Distinct) + 1.0;
        var logLikelihood = new double[scored.Count];
        for (var i = 0; i < scored.Count; i++)
        {
            var profile = scored[i].Profile;
            var denominator = Math.Log(profile.Total + (Smoothing * vocabulary));
            foreach (var gram in grams) logLikelihood[i] += Math.Log(profile.Count(gram) + Smoothing) - denominator;
        }

        var max = logLikelihood.Max();
        var weights = logLikelihood.Select(l => Math.Exp((l - max) * Temperature)).ToArray();
        var best = Array.IndexOf(logLikelihood, max);
        return new LanguageGuess(scored[best].Candidate, weights[best] / weights.Sum());
    }
}
