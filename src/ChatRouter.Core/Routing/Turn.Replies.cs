using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Routing;

internal sealed partial class Turn
{
    /// <summary>The template for <paramref name="key"/>: the flow's, then the shared texts, along the locale chain.</summary>
    private ReplyTemplate? FindTemplate(string key, CompiledFlow? flow = null)
    {
        flow ??= Flow;
        var available = (flow?.Replies.Locales ?? []).Concat(_catalog.Shared.Locales);
        foreach (var locale in Locales.Chain(Locale, _services.Routing.DefaultLocale, available))
        {
            var template = flow?.Replies.Find(locale, key) ?? _catalog.Shared.Find(locale, key);
            if (template is not null) return template;
        }

        return null;
    }

    /// <summary>
    /// Renders a reply template. A template that is missing or fails at run time is logged and replaced by the
    /// safe <c>system.error</c> text (or a built-in sentence), never a crash.
    /// </summary>
    private string Render(string key)
    {
        var template = FindTemplate(key);
        if (template is null)
        {
            EngineLog.TemplateMissing(_services.Logger, key, Locale, Flow?.Id);
            _events.Add(new ErrorEvent($"reply template '{key}' is missing in {Locale}"));
            return SafeText(key);
        }

        if (template.IsPlain) return template.Source;
        try
        {
            return Scope.Render(template.Template);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            InvalidateScope();
            EngineLog.TemplateFailed(_services.Logger, e, key, template.Locale, template.Path);
            _events.Add(new ErrorEvent($"reply template '{key}' ({template.Locale}) failed: {e.Message}"));
            return SafeText(key);
        }
    }

    private string SafeText(string failedKey)
    {
        if (failedKey != SharedTexts.Error && FindTemplate(SharedTexts.Error) is { IsPlain: true } safe) return safe.Source;
        return SharedTexts.LastResortText;
    }

    private string RenderTitle(string key, int limit) => WhatsAppLimits.Fit(Render(key).Trim(), limit);

    /// <summary>Says the reply keys of a state; its visible quick replies attach to the last one.</summary>
    private void SayState(CompiledState state, string? replaceBodyKey = null)
    {
        var keys = replaceBodyKey is null ? state.Definition.Reply : [replaceBodyKey];
        for (var i = 0; i < keys.Count; i++)
        {
            var last = i == keys.Count - 1;
            Say(keys[i], last ? state : null);
        }
    }

    /// <summary>Says one reply; with <paramref name="menuOf"/>, that state's quick replies (guards applied) go with it.</summary>
    private void Say(string key, CompiledState? menuOf = null, IReadOnlyList<QuickReply>? quickReplies = null, string? listButton = null)
    {
        var text = Render(key);
        var sections = new List<QuickReplySection>();
        if (menuOf is not null && menuOf.QuickReplies.Count > 0)
        {
            var definition = menuOf.Definition;
            var asList = definition.List is not null || menuOf.QuickReplies.Count > WhatsAppLimits.Buttons || definition.QuickReplies.Exists(q => q.Description is not null);
            var titleLimit = asList ? WhatsAppLimits.RowTitle : WhatsAppLimits.ButtonTitle;
            quickReplies = menuOf.QuickReplies
                .Where(q => q.Guard is null || Evaluate(q.Guard))
                .Select(q => new QuickReply(
                    q.Definition.Id,
                    RenderTitle(q.Definition.Title, titleLimit),
                    q.Definition.Description is null ? null : RenderTitle(q.Definition.Description, WhatsAppLimits.RowDescription),
                    q.Definition.Section))
                .ToList();
            if (asList)
            {
                listButton = RenderTitle(definition.List?.Button ?? SharedTexts.ListButton, WhatsAppLimits.ListButton);
                sections.AddRange((definition.List?.Sections ?? []).Select(s => new QuickReplySection(s.Id, RenderTitle(s.Title, WhatsAppLimits.SectionTitle))));
            }
        }

        var hasOptions = quickReplies is { Count: > 0 };
        var id = _services.NewId();
        var reply = new OutboundMessage
        {
            Id = id,
            Text = WhatsAppLimits.Fit(text, hasOptions ? WhatsAppLimits.InteractiveBody : WhatsAppLimits.Text),
            Key = key,
            Locale = Locale,
            QuickReplies = quickReplies ?? [],
            ListButton = hasOptions ? listButton : null,
            Sections = sections,
            WindowTemplate = menuOf?.Definition.WhatsappTemplate is { } wt ? WindowTemplate(wt, menuOf.TemplateParameters) : null,
        };
        _replies.Add(reply);
        _history.Add(new ConversationMessage
        {
            Id = id,
            ConversationId = Conversation.Id,
            At = Now,
            Author = MessageAuthor.Bot,
            Text = reply.Text,
            Kind = reply.Shape.ToString().ToLowerInvariant(),
            ReplyKey = key,
            QuickReplies = reply.QuickReplies.Count == 0 ? null : reply.QuickReplies.Select(q => q.Title).ToList(),
            Flow = Conversation.FlowId,
            State = Conversation.State,
        });
    }

    private WhatsAppTemplateMessage WindowTemplate(WhatsAppTemplateReference reference, IReadOnlyList<Scriban.Template> compiled)
    {
        var parameters = new List<string>();
        foreach (var parameter in compiled)
        {
            try
            {
                parameters.Add(Scope.Render(parameter));
            }
            catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
            {
                InvalidateScope();
                parameters.Add("");
            }
        }

        return new WhatsAppTemplateMessage(reference.Name, Locale, parameters);
    }

    /// <summary>Asks the current state's question again (after help, a language change or a media message).</summary>
    private void RepeatState()
    {
        if (State is { } state && state.Definition.Reply.Count > 0) SayState(state);
    }
}
