using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>
/// The locale of a customer, per docs/contracts.md: the profile's preference → the language detected in the
/// message (its script, then the detector; among the locales we can answer in) → the country calling code
/// of the phone → the default.
/// Between the detector and the phone, the locale of the previous turn is kept, so "ok" or "👍" does not
/// switch languages.
/// </summary>
internal static class LocaleResolver
{
    /// <summary>Detection must be at least this sure to switch a conversation's language.</summary>
    private const double MinimumDetectionConfidence = 0.75;

    public static string Resolve(CustomerProfile profile, Conversation conversation, string? text, IReadOnlyCollection<string> available, ILanguageDetector detector, string defaultLocale)
    {
        if (profile.Locale is { } preferred) return Locales.Find(preferred, available) ?? preferred;
        if (!string.IsNullOrWhiteSpace(text) && available.Count > 1)
        {
            // The script decides first: a locale with reply templates but no model (ar) is recognised, and the
            // detector, trained on the model locales, is not asked about text in a script none of them uses.
            if (Scripts.LocaleOf(text, available) is { } byScript) return byScript;
            if (!Scripts.IsMostlyNonLatin(text) && detector.Detect(text, available) is { Confidence: >= MinimumDetectionConfidence } guess)
                return guess.Locale;
        }

        if (conversation.Locale is { } previous) return previous;
        if (FromPhone(profile.Phone, available) is { } byPhone) return byPhone;
        return defaultLocale;
    }

    /// <summary>The locale of a phone's country calling code, when one of <paramref name="available"/> fits it.</summary>
    public static string? FromPhone(string? phone, IReadOnlyCollection<string> available)
    {
        if (phone is null) return null;
        var digits = phone.TrimStart('+');
        for (var length = 3; length >= 1; length--)
        {
            if (digits.Length > length && CallingCodes.TryGetValue(digits[..length], out var locale))
            {
                foreach (var candidate in new[] { locale, Locales.Language(locale) })
                {
                    if (Locales.Find(candidate, available) is { } found) return found;
                }

                return available.FirstOrDefault(a => string.Equals(Locales.Language(a), Locales.Language(locale), StringComparison.OrdinalIgnoreCase));
            }
        }

        return null;
    }

    private static readonly Dictionary<string, string> CallingCodes = new(StringComparer.Ordinal)
    {
        ["1"] = "en", ["44"] = "en", ["61"] = "en", ["64"] = "en", ["353"] = "en", ["27"] = "en", ["91"] = "en",
        ["34"] = "es", ["52"] = "es", ["54"] = "es", ["56"] = "es", ["57"] = "es", ["51"] = "es", ["58"] = "es",
        ["593"] = "es", ["591"] = "es", ["595"] = "es", ["598"] = "es", ["502"] = "es", ["503"] = "es", ["504"] = "es",
        ["505"] = "es", ["506"] = "es", ["507"] = "es", ["53"] = "es",
        ["55"] = "pt-BR", ["351"] = "pt", ["244"] = "pt", ["258"] = "pt", ["238"] = "pt",
        ["20"] = "ar", ["966"] = "ar", ["971"] = "ar", ["965"] = "ar", ["974"] = "ar", ["973"] = "ar", ["968"] = "ar",
        ["962"] = "ar", ["961"] = "ar", ["963"] = "ar", ["964"] = "ar", ["967"] = "ar", ["212"] = "ar", ["213"] = "ar",
        ["216"] = "ar", ["218"] = "ar", ["249"] = "ar",
        ["33"] = "fr", ["49"] = "de", ["39"] = "it", ["31"] = "nl", ["90"] = "tr", ["7"] = "ru",
    };
}
