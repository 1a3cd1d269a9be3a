using ChatRouter.Diagnostics;
using ChatRouter.Flows;
using ChatRouter.Text;

namespace ChatRouter.Replies;

/// <summary>
/// The system texts every locale needs (in <c>flows/_shared/&lt;locale&gt;.json</c>) and the intent titles
/// offered by "did you mean…?" (<c>intent.&lt;name&gt;</c>).
/// </summary>
internal static class SharedTexts
{
    public const string Fallback = "system.fallback";
    public const string Error = "system.error";
    public const string NonText = "system.non_text";
    public const string Help = "system.help";
    public const string OptOut = "system.optout";
    public const string OptIn = "system.optin";
    public const string OptOutMarketing = "system.optout_marketing";
    public const string WindowLapsed = "system.window_lapsed";
    public const string Handoff = "system.handoff";
    public const string HandoffUnclaimed = "system.handoff_unclaimed";
    public const string DidYouMean = "system.did_you_mean";
    public const string NoneOfThese = "system.did_you_mean_none";
    public const string LanguagePrompt = "system.language_prompt";
    public const string ListButton = "system.list_button";
    public const string LanguageChanged = "system.language_changed";
    public const string LanguageName = "system.language_name";
    public const string Cancelled = "system.cancelled";
    public const string Goodbye = "system.goodbye";
    public const string InputInvalid = "system.input_invalid";
    public const string TooLong = "system.too_long";
    public const string Restarted = "system.restarted";

    /// <summary>Several low-urgency messages in one (<c>digest.items</c>); required once a flow declares a low event.</summary>
    public const string Digest = "system.digest";

    /// <summary>What the engine says when even the system texts are missing or broken.</summary>
    public const string LastResortText = "Sorry, something went wrong on our side. Please try again in a moment.";

    public static readonly string[] Required =
    [
        Fallback, Error, NonText, Help, OptOut, OptIn, OptOutMarketing, WindowLapsed, Handoff, HandoffUnclaimed, DidYouMean, NoneOfThese,
        LanguagePrompt, ListButton, LanguageChanged, LanguageName, Cancelled, Goodbye, InputInvalid, TooLong, Restarted,
    ];

    public static string IntentTitle(string intent) => "intent." + intent;

    public static void Check(ReplyBook shared, IEnumerable<CompiledFlow> flows, string folder, DiagnosticBag diagnostics)
    {
        var flowList = flows.ToList();
        var locales = flowList.SelectMany(f => f.Locales).Concat(shared.Locales).Distinct(StringComparer.OrdinalIgnoreCase);
        var intents = flowList.SelectMany(f => f.Definition.Triggers.Intents
                .Concat(f.States.Values.SelectMany(s => s.Transitions).Select(t => t.Trigger).Where(t => t.StartsWith("intent:", StringComparison.Ordinal)).Select(t => t["intent:".Length..])))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var digests = flowList.Exists(f => f.Events.Values.Any(e => e.Content.Urgency == Guardrails.Urgency.Low));
        foreach (var locale in locales)
        {
            var path = Path.Combine(folder, locale + ".json");
            if (!shared.HasLocale(locale))
            {
                diagnostics.Error(path, TextPosition.Start, $"flows use locale '{locale}' but its system texts are missing; create {path} with {string.Join(", ", Required)}");
                continue;
            }

            foreach (var key in Required.Where(k => shared.Find(locale, k) is null))
                diagnostics.Error(path, TextPosition.Start, $"system text '{key}' is missing in {locale}; add it");
            if (digests && shared.Find(locale, Digest) is null)
                diagnostics.Error(path, TextPosition.Start, $"system text '{Digest}' is missing in {locale}; a flow declares a low-urgency event, whose messages go out in digests: add a text listing {{{{ digest.items }}}}");
            foreach (var intent in intents.Where(i => shared.Find(locale, IntentTitle(i)) is null))
                diagnostics.Warning(path, TextPosition.Start, $"no title for intent '{intent}' in {locale} (key '{IntentTitle(intent)}'); \"did you mean…?\" buttons will show the raw name");
            foreach (var template in shared.In(locale))
            {
                if (template.Key.StartsWith("intent.", StringComparison.Ordinal) || template.Key == LanguageName || template.Key == NoneOfThese || template.Key == ListButton)
                {
                    var text = template.Source;
                    if (template.IsPlain && text.Length > Messaging.WhatsAppLimits.ButtonTitle)
                        diagnostics.Error(template.Path, template.At, $"'{template.Key}' is {text.Length} characters in {locale}, over WhatsApp's {Messaging.WhatsAppLimits.ButtonTitle} for a button title; shorten it");
                }
            }
        }
    }

    /// <summary>Locales available for the language picker: those with a language name.</summary>
    public static IEnumerable<string> PickableLocales(ReplyBook shared) =>
        shared.Locales.Where(l => shared.Find(l, LanguageName) is not null).Order(StringComparer.Ordinal);

    /// <summary>The native name of a locale, e.g. "Español".</summary>
    public static string NameOf(ReplyBook shared, string locale) => shared.Find(locale, LanguageName)?.Source ?? locale;

    /// <summary>True for a locale whose system texts exist.</summary>
    public static bool Has(ReplyBook shared, string locale) => Locales.Find(locale, shared.Locales) is not null;
}
