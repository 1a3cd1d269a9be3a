using ChatRouter.Diagnostics;
using Scriban;

namespace ChatRouter.Replies;

/// <summary>One reply template: a Scriban text for one key in one locale, parsed once at load.</summary>
internal sealed class ReplyTemplate(string key, string locale, string source, Template template, string path, TextPosition at)
{
    public string Key { get; } = key;

    public string Locale { get; } = locale;

    public string Source { get; } = source;

    public Template Template { get; } = template;

    public string Path { get; } = path;

    public TextPosition At { get; } = at;

    /// <summary>True when the text has no Scriban code, so rendering is the text itself.</summary>
    public bool IsPlain { get; } = !source.Contains("{{", StringComparison.Ordinal);
}
