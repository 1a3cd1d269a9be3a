namespace ChatRouter.Text;

/// <summary>
/// Keywords matched on <see cref="TextNormalizer.MatchKey"/>: the whole message equals a keyword, or (when
/// <c>contains</c> is allowed) the message holds the keyword as whole words, tolerating one typo in words of
/// five letters or more ("humna" still asks for a human).
/// </summary>
internal sealed class KeywordSet
{
    private readonly HashSet<string> _exact = new(StringComparer.Ordinal);
    private readonly List<string[]> _phrases = [];

    public KeywordSet(IEnumerable<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            var key = TextNormalizer.MatchKey(keyword);
            if (key.Length == 0) continue;
            _exact.Add(key);
            _phrases.Add([.. TextNormalizer.Words(key)]);
        }
    }

    public bool IsEmpty => _exact.Count == 0;

    /// <summary>The whole message is one of the keywords.</summary>
    public bool MatchesWhole(string matchKey) => _exact.Contains(matchKey);

    /// <summary>The message contains one of the keywords as whole words, with typo tolerance.</summary>
    public bool MatchesWithin(IReadOnlyList<string> words)
    {
        foreach (var phrase in _phrases)
        {
            if (phrase.Length == 0 || phrase.Length > words.Count) continue;
            for (var start = 0; start + phrase.Length <= words.Count; start++)
            {
                var all = true;
                for (var k = 0; k < phrase.Length && all; k++) all = Close(words[start + k], phrase[k]);
                if (all) return true;
            }
        }

        return false;
    }

    private static bool Close(string word, string keyword)
    {
        if (string.Equals(word, keyword, StringComparison.Ordinal)) return true;
        if (keyword.Length < 5 || Math.Abs(word.Length - keyword.Length) > 1) return false;
        return Diagnostics.Suggest.Distance(word, keyword) <= 1;
    }
}
