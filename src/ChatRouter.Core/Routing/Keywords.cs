using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>The compiled keyword lists: configuration per locale over the built-in lists.</summary>
internal sealed class Keywords
{
    private readonly Dictionary<GlobalCommand, Dictionary<string, KeywordSet>> _globals = [];

    public Keywords(KeywordOptions options)
    {
        OptOut = new KeywordSet(Merge(options.OptOut, BuiltInKeywords.OptOut).SelectMany(p => p.Value));
        OptIn = new KeywordSet(Merge(options.OptIn, BuiltInKeywords.OptIn).SelectMany(p => p.Value));
        Escalate = new KeywordSet(Merge(options.Escalate, BuiltInKeywords.Escalate).SelectMany(p => p.Value));
        Add(GlobalCommand.Help, options.Help, BuiltInKeywords.Help);
        Add(GlobalCommand.Menu, options.Menu, BuiltInKeywords.Menu);
        Add(GlobalCommand.Cancel, options.Cancel, BuiltInKeywords.Cancel);
        Add(GlobalCommand.Language, options.Language, BuiltInKeywords.Language);
        Add(GlobalCommand.Goodbye, options.Goodbye, BuiltInKeywords.Goodbye);
    }

    /// <summary>Opt-out keywords of every locale: stopping must work whatever language the bot assumed.</summary>
    public KeywordSet OptOut { get; }

    /// <summary>Opt-in keywords of every locale.</summary>
    public KeywordSet OptIn { get; }

    /// <summary>Escalation keywords of every locale.</summary>
    public KeywordSet Escalate { get; }

    /// <summary>The global command a whole message names in <paramref name="locale"/> (or in its language).</summary>
    public GlobalCommand? Global(string matchKey, string locale)
    {
        foreach (var (command, byLocale) in _globals)
        {
            foreach (var tag in new[] { locale, Locales.Language(locale) })
            {
                if (byLocale.TryGetValue(tag, out var set) && set.MatchesWhole(matchKey)) return command;
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
