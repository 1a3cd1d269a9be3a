using ChatRouter.Conversations;
using ChatRouter.Experiments;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>
/// Turns reply keys into messages for the customer: finds the template along the locale chain (the
/// conversation's flow first, then the shared texts), renders it, fits it to WhatsApp's limits with the
/// quick replies, list or window template that go with it, and queues it with its history entry.
/// A missing or failing template never stops a turn: the customer gets the safe <c>system.error</c> text.
/// </summary>
internal sealed class ReplyComposer(EngineServices services, FlowCatalog catalog, TurnJournal journal, TurnScript script)
{
    private string Locale => journal.Locale;

    /// <summary>Template lookup follows the flow the conversation is in now, which a turn may change between replies.</summary>
    private CompiledFlow? Flow => catalog.Find(journal.Conversation.FlowId);

    /// <summary>True when <paramref name="key"/> has a template somewhere along the locale chain.</summary>
    public bool Has(string key) => Find(key) is not null;

    /// <summary>Renders a reply template; a missing or failing one is logged and replaced by the safe text.</summary>
    public string Render(string key)
    {
        var template = Find(key);
        if (template is null)
        {
            EngineLog.TemplateMissing(services.Logger, key, Locale, Flow?.Id);
            journal.Report(new ErrorEvent($"reply template '{key}' is missing in {Locale}"));
            return SafeText(key);
        }

        if (template.IsPlain) return template.Source;
        try
        {
            return script.Render(template.Template);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            EngineLog.TemplateFailed(services.Logger, e, key, template.Locale, template.Path);
            journal.Report(new ErrorEvent($"reply template '{key}' ({template.Locale}) failed: {e.Message}"));
            return SafeText(key);
        }
    }

    public string RenderTitle(string key, int limit) => WhatsAppLimits.Fit(Render(key).Trim(), limit);

    /// <summary>Says the reply keys of a state; its visible quick replies attach to the last one.</summary>
    public void SayState(CompiledState state)
    {
        var keys = state.Definition.Reply;
        for (var i = 0; i < keys.Count; i++)
        {
            var last = i == keys.Count - 1;
            Say(keys[i], last ? state : null);
        }
    }

    /// <summary>
    /// Says one reply; with <paramref name="menuOf"/>, that state's quick replies (guards applied) and WhatsApp message
    /// template go with it; <paramref name="windowTemplate"/> is the template of a reply that belongs to no state (a digest).
    /// An experiment on the reply (or on the state's WhatsApp message template) swaps in its variant's copy, quick-reply
    /// order, template or send delay, and a running one marks the message with the experiment and variant.
    /// </summary>
    public OutboundMessage Say(
        string key, CompiledState? menuOf = null, IReadOnlyList<QuickReply>? quickReplies = null, string? listButton = null, WhatsAppTemplateMessage? windowTemplate = null)
    {
        var (experiment, exposure) = Expose(key, menuOf);
        var variant = exposure?.Variant;
        var text = variant is null ? Render(key) : RenderCopy(key, variant);
        var sections = new List<QuickReplySection>();
        if (menuOf is not null && menuOf.QuickReplies.Count > 0)
        {
            var definition = menuOf.Definition;
            var asList = definition.List is not null || menuOf.QuickReplies.Count > WhatsAppLimits.Buttons || definition.QuickReplies.Exists(q => q.Description is not null);
            var titleLimit = asList ? WhatsAppLimits.RowTitle : WhatsAppLimits.ButtonTitle;
            quickReplies = InOrder(menuOf.QuickReplies, variant?.Definition.QuickReplies)
                .Where(q => q.Guard is null || script.IsTrue(q.Guard))
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
        var reply = new OutboundMessage
        {
            Id = services.NewId(),
            Text = WhatsAppLimits.Fit(text, hasOptions ? WhatsAppLimits.InteractiveBody : WhatsAppLimits.Text),
            Key = key,
            Locale = Locale,
            QuickReplies = quickReplies ?? [],
            ListButton = hasOptions ? listButton : null,
            Sections = sections,
            WindowTemplate = menuOf?.Definition.WhatsappTemplate is { } wt ? WindowTemplate(variant?.Definition.WhatsappTemplate ?? wt.Name, menuOf.TemplateParameters) : windowTemplate,
            Experiment = exposure is { Counted: true } ? experiment!.Name : null,
            Variant = exposure is { Counted: true } ? variant!.Name : null,
            SendDelay = variant is { SendDelay.Ticks: > 0 } ? variant.SendDelay : null,
        };
        var entry = journal.Send(reply, MessageAuthor.Bot, reply.Shape.ToString().ToLowerInvariant());
        entry.ReplyKey = key;
        entry.QuickReplies = reply.QuickReplies.Count == 0 ? null : reply.QuickReplies.Select(q => q.Title).ToList();
        return reply;
    }

    /// <summary>The template for <paramref name="key"/>: the flow's, then the shared texts, along the locale chain.</summary>
    private ReplyTemplate? Find(string key)
    {
        var flow = Flow;
        var available = (flow?.Replies.Locales ?? []).Concat(catalog.Shared.Locales);
        foreach (var locale in Locales.Chain(Locale, services.Routing.DefaultLocale, available))
        {
            var template = flow?.Replies.Find(locale, key) ?? catalog.Shared.Find(locale, key);
            if (template is not null) return template;
        }

        return null;
    }

    private string SafeText(string failedKey)
    {
        if (failedKey != SharedTexts.Error && Find(SharedTexts.Error) is { IsPlain: true } safe) return safe.Source;
        return SharedTexts.LastResortText;
    }

    /// <summary>The experiment on this reply (or, failing that, on the state's WhatsApp message template) and what this customer sees of it.</summary>
    private (Experiment? Experiment, Exposure? Exposure) Expose(string key, CompiledState? menuOf)
    {
        var experiments = catalog.Experiments;
        var experiment = experiments.ForReply(Flow?.Id, key) ?? experiments.ForTemplate(menuOf?.Definition.WhatsappTemplate?.Name);
        if (experiment is null) return (null, null);
        var exposure = Exposure.Of(experiment, journal.Profile, out var assigned);
        if (assigned) journal.ProfileChanged = true;
        return (experiment, exposure);
    }

    /// <summary>The variant's copy in the customer's locale (or its language); the flow's own text where it has none or it fails.</summary>
    private string RenderCopy(string key, ExperimentVariant variant)
    {
        if (!variant.Copy.TryGetValue(Locale, out var copy) && !variant.Copy.TryGetValue(Locales.Language(Locale), out copy)) return Render(key);
        try
        {
            return script.Render(copy);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException or ArgumentException)
        {
            EngineLog.TemplateFailed(services.Logger, e, key, Locale, $"variant {variant.Name}");
            journal.Report(new ErrorEvent($"variant '{variant.Name}' copy of '{key}' ({Locale}) failed: {e.Message}"));
            return Render(key);
        }
    }

    /// <summary>The state's quick replies in a variant's order (validated to be the same ids), or as written.</summary>
    private static IEnumerable<CompiledQuickReply> InOrder(IReadOnlyList<CompiledQuickReply> quickReplies, List<string>? order) =>
        order is null ? quickReplies : quickReplies.OrderBy(q => order.IndexOf(q.Definition.Id) is var i and >= 0 ? i : int.MaxValue);

    /// <summary>
    /// The state's WhatsApp message template (or a variant's, <paramref name="name"/>) with its parameters rendered now;
    /// one that renders empty (a customer without a name) is replaced by its fallback reply key, so the author, not the
    /// channel, chooses what Meta gets.
    /// </summary>
    private WhatsAppTemplateMessage WindowTemplate(string name, IReadOnlyList<CompiledTemplateParameter> compiled)
    {
        var parameters = new List<string>();
        foreach (var parameter in compiled)
        {
            string value;
            try
            {
                value = script.Render(parameter.Value);
            }
            catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
            {
                value = "";
            }

            if (string.IsNullOrWhiteSpace(value) && parameter.Fallback is { } fallback) value = Render(fallback);
            parameters.Add(value);
        }

        return new WhatsAppTemplateMessage(name, Locale, parameters);
    }
}
