using System.Text.RegularExpressions;
using ChatRouter.Diagnostics;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;
using Scriban.Syntax;

namespace ChatRouter.Flows;

internal sealed partial class FlowValidator
{
    /// <summary>Where a reply key is used, and so which WhatsApp limit its rendering must fit.</summary>
    private enum Use
    {
        Text,
        InteractiveBody,
        ButtonTitle,
        RowTitle,
        RowDescription,
        ListButton,
        SectionTitle,
        Label,
    }

    // Why: why the key is needed, when the pointer alone does not say (appended to "missing" errors).
    private sealed record KeyUse(string Pointer, string Key, Use Use, string Group, string? Why = null);

    private void CheckReplies()
    {
        var uses = CollectKeyUses();
        var used = uses.Select(u => u.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < _flow.Locales.Count; i++)
        {
            var locale = _flow.Locales[i];
            if (!_replies.HasLocale(locale) && uses.Exists(u => _shared.Find(locale, u.Key) is null))
            {
                Error($"/locales/{i}", $"locale '{locale}' is declared but there is no {locale}.json beside the flow; create {Path.Combine(_folder, locale + ".json")}");
                continue;
            }

            var rendered = new Dictionary<KeyUse, string>();
            foreach (var use in uses)
            {
                var template = _replies.Find(locale, use.Key) ?? _shared.Find(locale, use.Key);
                if (template is null)
                {
                    if (_replies.IsBroken(locale, use.Key) || _shared.IsBroken(locale, use.Key)) continue;
                    Error(use.Pointer, $"reply template '{use.Key}' is missing in locale '{locale}'{Suggest.DidYouMean(use.Key, _replies.In(locale).Select(t => t.Key))}; add it to {Path.Combine(_folder, locale + ".json")}{use.Why}");
                    continue;
                }

                var text = RenderSample(template, locale);
                if (text is null) continue;
                rendered[use] = text;
                CheckLimit(use, template, text, locale);
            }

            CheckUniqueButtonTitles(rendered, locale);
        }

        foreach (var locale in _replies.Locales)
        {
            if (Locales.Find(locale, _flow.Locales) is null)
            {
                var first = _replies.In(locale).FirstOrDefault();
                _diagnostics.Warning(first?.Path ?? Path.Combine(_folder, locale + ".json"), TextPosition.Start, $"reply templates for '{locale}', which the flow does not declare in \"locales\"; add it there or delete the file");
                continue;
            }

            foreach (var template in _replies.In(locale).Where(t => !used.Contains(t.Key)))
                _diagnostics.Warning(template.Path, template.At, $"reply template '{template.Key}' is never used by flow '{_flow.Id}'; remove it or use it");
        }
    }

    private List<KeyUse> CollectKeyUses()
    {
        var uses = new List<KeyUse>();
        if (_flow.Fallback is not null) uses.Add(new("/fallback", _flow.Fallback, Use.Text, ""));
        foreach (var (name, state) in _flow.States)
        {
            var at = StatePointer(name);
            var interactive = state.QuickReplies.Count > 0;
            for (var i = 0; i < state.Reply.Count; i++)
            {
                var pointer = state.Reply.Count == 1 ? at + "/reply" : $"{at}/reply/{i}";
                uses.Add(new(pointer, state.Reply[i], interactive && i == state.Reply.Count - 1 ? Use.InteractiveBody : Use.Text, name));
            }

            var asList = state.List is not null || state.QuickReplies.Count > 3 || state.QuickReplies.Exists(q => q.Description is not null);
            for (var i = 0; i < state.QuickReplies.Count; i++)
            {
                var reply = state.QuickReplies[i];
                uses.Add(new($"{at}/quickReplies/{i}/title", reply.Title, asList ? Use.RowTitle : Use.ButtonTitle, name));
                if (reply.Description is not null) uses.Add(new($"{at}/quickReplies/{i}/description", reply.Description, Use.RowDescription, name));
            }

            if (state.List is not null)
            {
                uses.Add(new(at + "/list/button", state.List.Button, Use.ListButton, name));
                for (var i = 0; i < state.List.Sections.Count; i++)
                    uses.Add(new($"{at}/list/sections/{i}/title", state.List.Sections[i].Title, Use.SectionTitle, name));
            }

            if (state.Input?.Invalid is { } invalid) uses.Add(new(at + "/input/invalid", invalid, Use.Text, name));
            for (var i = 0; i < (state.Input?.Choices.Count ?? 0); i++)
                uses.Add(new($"{at}/input/choices/{i}/title", state.Input!.Choices[i].Title, Use.Label, name));
            if (state.Fallback is not null) uses.Add(new(at + "/fallback", state.Fallback, Use.Text, name));
            for (var i = 0; i < (state.WhatsappTemplate?.Parameters.Count ?? 0); i++)
            {
                if (state.WhatsappTemplate!.Parameters[i].Fallback is { } fallback)
                    uses.Add(new($"{at}/whatsappTemplate/parameters/{i}/fallback", fallback, Use.Label, name));
            }
        }

        for (var i = 0; i < _flow.Triggers.Events.Count; i++)
        {
            if (_flow.Triggers.Events[i].Urgency == "low")
            {
                uses.Add(new($"/triggers/events/{i}", DigestKey, Use.Text, "",
                    $" (event '{_flow.Triggers.Events[i].Type}' is low urgency, so it goes out in the customer's digest, one line per item: '{DigestKey}' is that line)"));
                break;
            }
        }

        return uses;
    }

    private void CheckLimit(KeyUse use, ReplyTemplate template, string text, string locale)
    {
        var (limit, what) = use.Use switch
        {
            Use.InteractiveBody => (WhatsAppLimits.InteractiveBody, "the body of a message with quick replies"),
            Use.ButtonTitle => (WhatsAppLimits.ButtonTitle, "a reply button title"),
            Use.RowTitle => (WhatsAppLimits.RowTitle, "a list row title"),
            Use.RowDescription => (WhatsAppLimits.RowDescription, "a list row description"),
            Use.ListButton => (WhatsAppLimits.ListButton, "a list button label"),
            Use.SectionTitle => (WhatsAppLimits.SectionTitle, "a list section title"),
            _ => (WhatsAppLimits.Text, "a text message"),
        };
        if (text.Length > limit)
        {
            var shown = text.Length > 40 ? text[..37] + "…" : text;
            _diagnostics.Error(template.Path, template.At, $"'{template.Key}' renders to {text.Length} characters in {locale} (\"{shown}\"), over WhatsApp's {limit} for {what}; shorten it");
        }

        if (text.Trim().Length == 0 && use.Use != Use.Text)
            _diagnostics.Error(template.Path, template.At, $"'{template.Key}' renders empty in {locale}; WhatsApp rejects empty titles and bodies");
    }

    private void CheckUniqueButtonTitles(Dictionary<KeyUse, string> rendered, string locale)
    {
        foreach (var group in rendered.Where(r => r.Key.Use is Use.ButtonTitle or Use.RowTitle).GroupBy(r => r.Key.Group, StringComparer.Ordinal))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (use, text) in group)
            {
                if (!seen.Add(text))
                    Error(use.Pointer, $"two quick replies of state '{use.Group}' read \"{text}\" in {locale}; WhatsApp needs distinct titles");
            }
        }
    }

    /// <summary>
    /// Renders with sample values, so static text and formatting count; an unknown top-level variable is an
    /// error here rather than a fallback reply at run time.
    /// </summary>
    private string? RenderSample(ReplyTemplate template, string locale)
    {
        if (template.IsPlain) return template.Source;
        var model = ReplyModel.Sample(locale, _flow.Id);
        using var scope = ScriptContextPool.Rent(model, Locales.Culture(locale));
        try
        {
            return scope.Render(template.Template);
        }
        catch (ScriptRuntimeException e) when (UnknownVariable().Match(e.Message) is { Success: true } match)
        {
            var name = match.Groups[1].Value;
            _diagnostics.Error(template.Path, template.At, $"reply template '{template.Key}' ({locale}) uses unknown variable '{name}'{Suggest.DidYouMean(name, ReplyModel.TopLevelNames, $"The variables are {string.Join(", ", ReplyModel.TopLevelNames)}.")}");
            return null;
        }
        catch (ScriptRuntimeException)
        {
            // Depends on values only known at run time (a slot not captured yet); the sender guards the limits then.
            return null;
        }
    }

    [GeneratedRegex("The variable or function `([^`]+)` was not found")]
    private static partial Regex UnknownVariable();
}
