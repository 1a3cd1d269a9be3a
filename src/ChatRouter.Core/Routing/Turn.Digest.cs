using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>A digest: several low-urgency business events said as one message.</summary>
internal sealed partial class Turn
{
    public void SayDigest(IReadOnlyList<BusinessEvent> items, string category, string whatsAppTemplate)
    {
        Log(MessageAuthor.System, $"digest of {items.Count}: {string.Join(", ", items.Select(i => i.Type))}", "event");
        if (IsHandedOff) return;
        var lines = items.Select(DigestLine).Where(l => l.Length > 0).ToList();
        _script.SetDigest(lines, category);
        // Meta refuses new lines in a parameter, so the template gets the items on one line.
        _replies.Say(SharedTexts.Digest, windowTemplate: new WhatsAppTemplateMessage(whatsAppTemplate, Locale, [string.Join("; ", lines)]));
    }

    /// <summary>
    /// The <c>digest</c> reply of the flow the event starts, rendered as that flow's first state would see it: the
    /// event's data as slots. A missing or failing one is logged and left out, so one bad item never stops the others.
    /// </summary>
    private string DigestLine(BusinessEvent item)
    {
        var flow = _catalog.StartedBy(item.Type);
        var template = flow is null ? null : Locales.Chain(Locale, _services.Routing.DefaultLocale, flow.Replies.Locales)
            .Select(l => flow.Replies.Find(l, FlowValidator.DigestKey))
            .FirstOrDefault(t => t is not null);
        if (flow is null || template is null)
        {
            EngineLog.TemplateMissing(_services.Logger, FlowValidator.DigestKey, Locale, flow?.Id);
            return "";
        }

        if (template.IsPlain) return template.Source.Trim();
        var slots = new Conversation { Id = Conversation.Id, FlowId = flow.Id, Slots = new Dictionary<string, object?>(item.Data, StringComparer.Ordinal) };
        var model = ReplyModel.Build(Profile, slots, Locale, Now, item.Data, item.Type);
        using var scope = ScriptContextPool.Rent(model, Locales.Culture(Locale));
        try
        {
            return scope.Render(template.Template).Trim();
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            EngineLog.TemplateFailed(_services.Logger, e, FlowValidator.DigestKey, template.Locale, template.Path);
            return "";
        }
    }
}
