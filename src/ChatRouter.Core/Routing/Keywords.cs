using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>The compiled keyword lists: configuration per locale over the built-in lists.</summary>
internal sealed class Keywords
{
    private readonly Dictionary<GlobalCommand, Dictionary<string, KeywordSet>> _globals = [];
    private readonly string _defaultLocale;
    private readonly string[] _globalLocales;

    public Keywords(KeywordOptions options, string defaultLocale)
    {
        _defaultLocale = defaultLocale;
        OptOut = new KeywordSet(Merge(options.OptOut, BuiltInKeywords.OptOut).SelectMany(p => p.Value));
        OptOutPhrases = new KeywordSet(Merge(options.OptOutPhrases, BuiltInKeywords.OptOutPhrases).SelectMany(p => p.Value));
        OptOutMarketing = new KeywordSet(Merge(options.OptOutMarketing, BuiltInKeywords.OptOutMarketing).SelectMany(p => p.Value));
        OptIn = new KeywordSet(Merge(options.OptIn, BuiltInKeywords.OptIn).SelectMany(p => p.Value));
        Escalate = new KeywordSet(Merge(options.Escalate, BuiltInKeywords.Escalate).SelectMany(p => p.Value));
        Add(GlobalCommand.Help, options.Help, BuiltInKeywords.Help);
        Add(GlobalCommand.Menu, options.Menu, BuiltInKeywords.Menu);
        Add(GlobalCommand.Cancel, options.Cancel, BuiltInKeywords.Cancel);
        Add(GlobalCommand.Language, options.Language, BuiltInKeywords.Language);
        Add(GlobalCommand.Goodbye, options.Goodbye, BuiltInKeywords.Goodbye);
        _globalLocales = _globals.Values.SelectMany(byLocale => byLocale.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>Opt-out keywords of every locale: stopping must work whatever language the bot assumed.</summary>
    public KeywordSet OptOut { get; }

    /// <summary>Requests to stop inside a message, of every locale.</summary>
    public KeywordSet OptOutPhrases { get; }

    /// <summary>Requests to stop promotions only, of every locale.</summary>
    public KeywordSet OptOutMarketing { get; }

    /// <summary>Opt-in keywords of every locale.</summary>
    public KeywordSet OptIn { get; }

    /// <summary>Escalation keywords of every locale.</summary>
    public KeywordSet Escalate { get; }

    /// <summary>
    /// The global command a whole message names in <paramref name="locale"/>. Each command takes the first list
    /// along the locale chain (pt-BR → pt → the default locale), as reply texts do: a customer in a locale with no
    /// list of its own (fr) has the default locale's words, and a locale with its own list keeps just that one.
    /// </summary>
    public GlobalCommand? Global(string matchKey, string locale)
    {
        var chain = Locales.Chain(locale, _defaultLocale, _globalLocales);
        foreach (var (command, byLocale) in _globals)
        {
            foreach (var tag in chain)
            {
                if (!byLocale.TryGetValue(tag, out var set)) continue;
                if (set.MatchesWhole(matchKey)) return command;
                break;
            }
        }

        return null;
    }

    private void Add(GlobalCommand command, Dictionary<string, List<string>> configured, Dictionary<string, string[]> builtIn) =>
        _globals[command] = Merge(configured, builtIn).ToDictionary(p => p.Key, p => new KeywordSet(p.Value), StringComparer.OrdinalIgnoreCase);

    private static Dictionary<string, IEnumerable<string>> Merge(Dictionary<string, List<string>> configured, Dictionary<string, string[]> builtIn)
    {
        var merged = builtIn.ToDictionary(p => p.Key, p => (IEnumerable<string>)p.Value, StringComparer.OrdinalIgnoreCase);
        foreach (var (locale, words) in configured) merged[locale] = words;
        return merged;
    }
}

/// <summary>Commands that work from any state.</summary>
internal enum GlobalCommand
{
    Help,
    Menu,
    Cancel,
    Language,
    Goodbye,
}
