using System.Globalization;

namespace ChatRouter.Text;

/// <summary>Locale tags, their fallback chain (pt-BR → pt → default) and their cultures.</summary>
public static class Locales
{
    private static readonly Dictionary<string, CultureInfo> Cultures = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock CulturesLock = new();

    /// <summary>
    /// Where to look for a text in <paramref name="locale"/>: the tag itself, each shorter parent
    /// (pt-BR → pt), any regional sibling the catalog has (pt → pt-BR), then <paramref name="defaultLocale"/>.
    /// </summary>
    public static IReadOnlyList<string> Chain(string locale, string defaultLocale, IEnumerable<string>? available = null)
    {
        var chain = new List<string>(4);
        for (var tag = locale; tag.Length > 0; tag = Parent(tag))
            Add(chain, tag);
        if (available is not null)
        {
            var language = Language(locale);
            foreach (var candidate in available)
            {
                if (string.Equals(Language(candidate), language, StringComparison.OrdinalIgnoreCase)) Add(chain, candidate);
            }
        }

        for (var tag = defaultLocale; tag.Length > 0; tag = Parent(tag))
            Add(chain, tag);
        return chain;
    }

    /// <summary>The language subtag: "pt" for "pt-BR".</summary>
    public static string Language(string locale)
    {
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? locale : locale[..dash];
    }

    /// <summary>The same tag in the canonical case of the set it belongs to ("PT-br" → "pt-BR"), or null.</summary>
    public static string? Find(string locale, IEnumerable<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, locale, StringComparison.OrdinalIgnoreCase));

    /// <summary>The .NET culture of a locale; the invariant culture when .NET does not know it.</summary>
    public static CultureInfo Culture(string locale)
    {
        lock (CulturesLock)
        {
            if (Cultures.TryGetValue(locale, out var culture)) return culture;
            try
            {
                culture = CultureInfo.GetCultureInfo(locale);
            }
            catch (CultureNotFoundException)
            {
                culture = CultureInfo.InvariantCulture;
            }

            Cultures[locale] = culture;
            return culture;
        }
    }

    /// <summary>True for scripts written right to left (Arabic, Hebrew, Persian, Urdu …).</summary>
    public static bool IsRightToLeft(string locale) => Culture(locale).TextInfo.IsRightToLeft;

    private static string Parent(string tag)
    {
        var dash = tag.LastIndexOf('-');
        return dash < 0 ? "" : tag[..dash];
    }

    private static void Add(List<string> chain, string tag)
    {
        if (!chain.Exists(t => string.Equals(t, tag, StringComparison.OrdinalIgnoreCase))) chain.Add(tag);
    }
}
