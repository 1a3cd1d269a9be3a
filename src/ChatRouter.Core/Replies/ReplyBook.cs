using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Diagnostics;
using Scriban;
using Scriban.Parsing;

namespace ChatRouter.Replies;

/// <summary>
/// The reply templates of one folder: a file <c>&lt;locale&gt;.json</c> per locale, each a flat object of
/// key → Scriban text. Every template is parsed at load; parse errors become diagnostics.
/// </summary>
internal sealed partial class ReplyBook
{
    private readonly Dictionary<string, Dictionary<string, ReplyTemplate>> _byLocale = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _broken = new(StringComparer.Ordinal);

    public static ReplyBook Empty { get; } = new();

    public IEnumerable<string> Locales => _byLocale.Keys;

    public bool HasLocale(string locale) => _byLocale.ContainsKey(locale);

    public ReplyTemplate? Find(string locale, string key) =>
        _byLocale.TryGetValue(locale, out var keys) && keys.TryGetValue(key, out var template) ? template : null;

    /// <summary>True for a key whose template was reported as broken at load (so it is not "missing" too).</summary>
    public bool IsBroken(string locale, string key) => _broken.Contains(locale + "|" + key);

    public IEnumerable<ReplyTemplate> In(string locale) =>
        _byLocale.TryGetValue(locale, out var keys) ? keys.Values : [];

    /// <summary>The locale files of <paramref name="folder"/>; a broken file is reported and skipped.</summary>
    public static ReplyBook Load(string folder, DiagnosticBag diagnostics)
    {
        var book = new ReplyBook();
        if (!Directory.Exists(folder)) return book;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var locale = Path.GetFileNameWithoutExtension(file);
            if (!LocaleFileName().IsMatch(locale)) continue;
            var keys = LoadFile(file, locale, diagnostics, book._broken);
            if (keys is not null) book._byLocale[locale] = keys;
        }

        return book;
    }

    private static Dictionary<string, ReplyTemplate>? LoadFile(string path, string locale, DiagnosticBag diagnostics, HashSet<string> broken)
    {
        var source = JsonSource.Load(path, diagnostics);
        if (source is null) return null;
        using (source.Document)
        {
            if (source.Root.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Error(path, source.ValueAt(""), "a reply-template file is a JSON object of key → text, e.g. {\"greeting\": \"Hi {{ customer.name }}!\"}");
                return null;
            }

            var keys = new Dictionary<string, ReplyTemplate>(StringComparer.Ordinal);
            foreach (var property in source.Root.EnumerateObject())
            {
                if (property.Name == "$schema") continue;
                var pointer = "/" + JsonSource.Escape(property.Name);
                var at = source.ValueAt(pointer);
                if (!KeyShape().IsMatch(property.Name))
                {
                    diagnostics.Error(path, source.NameAt(pointer), $"reply-template key '{property.Name}' may only hold letters, digits, '_', '.' and '-'");
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    diagnostics.Error(path, at, $"reply template '{property.Name}' must be a string, not {property.Value.ValueKind.ToString().ToLowerInvariant()}");
                    continue;
                }

                var text = property.Value.GetString()!;
                var template = Template.Parse(text, $"{path}:{property.Name}");
                if (template.HasErrors)
                {
                    broken.Add(locale + "|" + property.Name);
                    // Scriban's later messages usually follow from the first; one line per template is enough to fix it.
                    var message = template.Messages.First(m => m.Type == ParserMessageType.Error);
                    diagnostics.Error(path, at, $"reply template '{property.Name}' does not parse: {message.Message} (line {message.Span.Start.Line + 1}, column {message.Span.Start.Column + 1} of the text)");

                    continue;
                }

                keys[property.Name] = new ReplyTemplate(property.Name, locale, text, template, path, at);
            }

            return keys;
        }
    }

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LocaleFileName();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex KeyShape();
}
