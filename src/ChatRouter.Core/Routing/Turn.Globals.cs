using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Replies;

namespace ChatRouter.Routing;

/// <summary>What works from any state: global commands, language change, consent, handoff, business events.</summary>
internal sealed partial class Turn
{
    private async Task GlobalAsync(GlobalCommand command, CancellationToken cancellationToken)
    {
        Conversation.NotUnderstood = 0;
        switch (command)
        {
            case GlobalCommand.Help:
                Say(SharedTexts.Help);
                RepeatState();
                break;
            case GlobalCommand.Menu when DefaultFlow is { } menu:
                await StartFlowAsync(menu, null, cancellationToken);
                break;
            case GlobalCommand.Menu:
                Say(SharedTexts.Help);
                break;
            case GlobalCommand.Cancel:
                EndFlow();
                Say(SharedTexts.Cancelled);
                break;
            case GlobalCommand.Language:
                AskLanguage();
                break;
            case GlobalCommand.Goodbye:
                EndFlow();
                Say(SharedTexts.Goodbye);
                break;
        }
    }

    private void AskLanguage()
    {
        var options = SharedTexts.PickableLocales(_catalog.Shared)
            .Select(l => new QuickReply("locale:" + l, WhatsAppLimits.Fit(SharedTexts.NameOf(_catalog.Shared, l), WhatsAppLimits.RowTitle)))
            .ToList();
        Conversation.Pending = new PendingPrompt
        {
            Kind = "language",
            Options = options.ToDictionary(o => o.Id, o => o.Id["locale:".Length..], StringComparer.Ordinal),
        };
        var listButton = options.Count > WhatsAppLimits.Buttons ? _replies.RenderTitle(SharedTexts.ListButton, WhatsAppLimits.ListButton) : null;
        Say(SharedTexts.LanguagePrompt, quickReplies: options, listButton: listButton);
    }

    /// <summary>Sets the customer's preferred locale and confirms in it; then asks the current question again.</summary>
    private void ChangeLanguage(string locale)
    {
        _journal.ProfileChanged = true;
        Profile.Locale = locale;
        SetLocale(locale);
        Log(MessageAuthor.System, $"language set to {locale}", "system");
        Say(SharedTexts.LanguageChanged);
        RepeatState();
    }

    private void ChangeConsent(IReadOnlyList<Consents.ConsentEntry> entries, string source, string confirmationKey, string eventType, string? purpose = null)
    {
        foreach (var entry in entries) _journal.RecordConsent(entry);
        Log(MessageAuthor.System, $"{eventType}{(purpose is null ? "" : " " + purpose)} ({source})", "consent");
        _journal.Report(new ConsentEvent(eventType, source) { Purpose = purpose });
        Say(confirmationKey);
    }

    /// <summary>Hands the conversation to a human agent; the bot stays silent until it is released.</summary>
    private Task HandOffAsync(string reason, string? queue, bool sayNotice, CancellationToken cancellationToken)
    {
        if (IsHandedOff) return Task.CompletedTask;
        queue ??= _services.Routing.DefaultQueue;
        if (sayNotice) Say(SharedTexts.Handoff);
        Conversation.Handoff = new Handoff
        {
            Id = _services.NewId(),
            Status = HandoffStatus.Waiting,
            Queue = queue,
            Reason = reason,
            RequestedAt = Now,
        };
        Conversation.NotUnderstood = 0;
        Conversation.Pending = null;
        Log(MessageAuthor.System, $"handed off to {queue} ({reason})", "handoff");
        _journal.Report(new HandoffEvent(reason, queue));
        EngineLog.HandedOff(_services.Logger, Conversation.Id, reason, queue);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A business event (order shipped, NPS due …): the current state's <c>event:</c> transition if it has one,
    /// else the flow it starts. Its data becomes slots. Nothing happens while the conversation is handed off.
    /// </summary>
    public async Task ApplyEventAsync(string type, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken)
    {
        _script.SetEvent(type, data);
        Log(MessageAuthor.System, $"event {type}", "event");
        if (IsHandedOff) return;
        if (await RestartIfStateRemovedAsync(cancellationToken)) return;
        if (State?.HasTrigger(Flows.Triggers.Event(type)) == true)
        {
            foreach (var (name, value) in data) SetSlot(name, value);
            await FireAsync(Flows.Triggers.Event(type), cancellationToken);
            return;
        }

        var flow = _catalog.StartedBy(type);
        if (flow is null)
        {
            EngineLog.EventUnrouted(_services.Logger, type);
            _journal.Report(new ErrorEvent($"no flow starts on event '{type}'"));
            return;
        }

        await StartFlowAsync(flow, data, cancellationToken, Flows.Triggers.Event(type));
    }
}
