using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>The routing order of docs/contracts.md, one step per method.</summary>
internal sealed partial class Turn
{
    private ConversationMessage? _inbound;

    public async Task RouteAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var text = message.Text is null ? "" : TextNormalizer.Clean(message.Text);
        LogInbound(message, text);
        Conversation.LastInboundAt = Now;
        Conversation.Locale = Locale; // kept for the next turn's "ok" or "👍", and shown to agents
        var pending = Conversation.Pending;
        Conversation.Pending = null;

        if (message.Kind == InboundKind.Media)
        {
            await MediaAsync(message.MediaType ?? "unsupported", cancellationToken);
            return;
        }

        if (text.Length == 0 && message.QuickReplyId is null) return;
        if (text.Length > _services.Routing.MaxMessageLength)
        {
            if (!IsHandedOff) Say(SharedTexts.TooLong, State);
            return;
        }

        var key = TextNormalizer.MatchKey(text);
        if (message.QuickReplyId is null && await KeywordGuardsAsync(text, key, cancellationToken)) return;
        if (message.QuickReplyId is { } tapped && OptOutButton(tapped)) return;
        if (IsHandedOff) return;
        if (await RestartIfStateRemovedAsync(cancellationToken)) return;
        if (await QuickReplyAsync(message, key, pending, cancellationToken)) return;
        if (message.QuickReplyId is null && State?.Input is { } input && await InputAsync(input, text, key, message, cancellationToken)) return;
        if (await GlobalOrEntryKeywordAsync(key, cancellationToken)) return;
        await ClassifyAsync(text, message.PinnedIntent, requireRoute: false, cancellationToken);
    }

    /// <summary>Keeps a message unanswered (see <see cref="ConversationEngine.RecordAsync"/>); only the keyword guards act on it.</summary>
    public async Task RecordAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        var text = message.Text is null ? "" : TextNormalizer.Clean(message.Text);
        LogInbound(message, text);
        Conversation.LastInboundAt = Now;
        if (message.QuickReplyId is null && text.Length is > 0 && text.Length <= _services.Routing.MaxMessageLength)
            await KeywordGuardsAsync(text, TextNormalizer.MatchKey(text), cancellationToken);
    }

    private bool IsHandedOff => Conversation.Handoff is { Status: HandoffStatus.Waiting or HandoffStatus.Claimed };

    private void LogInbound(InboundMessage message, string text)
    {
        var kind = message.Kind switch
        {
            InboundKind.QuickReply => "quick_reply",
            InboundKind.Media => message.MediaType ?? "unsupported",
            _ => "text",
        };
        var shown = text.Length > 0 ? text : message.Kind == InboundKind.Media ? $"[{kind}]" : message.QuickReplyId ?? "";
        _inbound = _journal.Log(MessageAuthor.Customer, shown, kind);
        _inbound.ProviderMessageId = message.ProviderMessageId;
    }

    /// <summary>What proves a keyword's consent change: the provider's message id, else our history entry's.</summary>
    private string Evidence => _inbound?.ProviderMessageId ?? _inbound?.Id ?? "message";

    /// <summary>Steps 1 and 2: opt-out/opt-in keywords, then escalation keywords. They work even while handed off.</summary>
    private async Task<bool> KeywordGuardsAsync(string text, string key, CancellationToken cancellationToken)
    {
        if (_services.Keywords.OptOut.MatchesWhole(key))
        {
            ChangeConsent(Consents.ConsentEntry.OptOutKeyword(Evidence, Now), "keyword:" + text, SharedTexts.OptOut, "optout");
            return true;
        }

        // "stop promotions" asks for less than "stop": checked before the phrases that stop everything.
        var words = TextNormalizer.Words(key);
        if (_services.Keywords.OptOutMarketing.MatchesWithin(words))
        {
            ChangeConsent([Consents.ConsentEntry.OptOutMarketingKeyword(Evidence, Now)], "keyword:" + text, SharedTexts.OptOutMarketing, "optout", "marketing");
            return true;
        }

        if (_services.Keywords.OptOutPhrases.MatchesWithin(words))
        {
            ChangeConsent(Consents.ConsentEntry.OptOutKeyword(Evidence, Now), "phrase:" + text, SharedTexts.OptOut, "optout");
            return true;
        }

        if (_services.Keywords.OptIn.MatchesWhole(key))
        {
            ChangeConsent([Consents.ConsentEntry.OptInKeyword(Evidence, Now)], "keyword:" + text, SharedTexts.OptIn, "optin");
            return true;
        }

        if (!IsHandedOff && _services.Keywords.Escalate.MatchesWithin(words))
        {
            await HandOffAsync("keyword", null, sayNotice: true, cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>
    /// A marketing template's "stop promotions" button withdraws marketing alone, even while an agent has the
    /// conversation. A button the current state offers itself is the flow's to answer (it may say more).
    /// </summary>
    private bool OptOutButton(string tapped)
    {
        if (State?.QuickReplies.Any(q => q.Definition.Id == tapped) == true) return false;
        if (!_services.OptOutButtons.IsOptOut(tapped)) return false;
        ChangeConsent([Consents.ConsentEntry.OptOutMarketingButton(Evidence, Now)], "button:" + tapped, SharedTexts.OptOutMarketing, "optout", "marketing");
        return true;
    }

    /// <summary>A flow version that removed the stored state restarts the flow (with a warning in the log).</summary>
    private async Task<bool> RestartIfStateRemovedAsync(CancellationToken cancellationToken)
    {
        if (Conversation.FlowId is null) return false;
        if (Flow is null)
        {
            EngineLog.FlowRemoved(_services.Logger, Conversation.Id, Conversation.FlowId);
            EndFlow();
            return false;
        }

        if (Conversation.State is not null && Flow.States.ContainsKey(Conversation.State))
        {
            Conversation.FlowVersion = Flow.Version;
            return false;
        }

        EngineLog.StateRemoved(_services.Logger, Conversation.Id, Flow.Id, Conversation.FlowVersion, Flow.Version, Conversation.State);
        Say(SharedTexts.Restarted);
        await StartFlowAsync(Flow, null, cancellationToken);
        return true;
    }

    /// <summary>Step 4: a tapped or typed quick reply of the pending prompt or of the current state.</summary>
    private async Task<bool> QuickReplyAsync(InboundMessage message, string key, PendingPrompt? pending, CancellationToken cancellationToken)
    {
        if (pending is not null)
        {
            var options = pending.Options.Keys.ToList();
            var chosen = Pick(message, key, options, id => TitleOfPendingOption(pending, id), allowNumber: true);
            if (chosen is not null)
            {
                await AnswerPendingAsync(pending, chosen, cancellationToken);
                return true;
            }
        }

        var state = State;
        if (state is null || state.QuickReplies.Count == 0)
        {
            if (message.QuickReplyId is not null)
            {
                await NotUnderstoodAsync(cancellationToken);
                return true;
            }

            return false;
        }

        var visible = state.QuickReplies.Where(q => q.Guard is null || _script.IsTrue(q.Guard)).ToList();
        var id = Pick(message, key, visible.Select(q => q.Definition.Id).ToList(), id => _replies.Render(visible.First(q => q.Definition.Id == id).Definition.Title), allowNumber: state.Input is null);
        if (id is not null)
        {
            Conversation.NotUnderstood = 0;
            await FireAsync(Triggers.QuickReply(id), cancellationToken);
            return true;
        }

        if (message.QuickReplyId is not null)
        {
            // A button from an older message, or one this state no longer offers.
            await NotUnderstoodAsync(cancellationToken);
            return true;
        }

        return false;
    }

    /// <summary>The option a message selects: its button id, its title or id typed out, or a bare number.</summary>
    private static string? Pick(InboundMessage message, string key, List<string> ids, Func<string, string> title, bool allowNumber)
    {
        if (message.QuickReplyId is { } tapped) return ids.FirstOrDefault(id => string.Equals(id, tapped, StringComparison.Ordinal));
        if (allowNumber && int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= ids.Count)
            return ids[n - 1];
        foreach (var id in ids)
        {
            if (key == TextNormalizer.MatchKey(id) || key == TextNormalizer.MatchKey(title(id))) return id;
        }

        return null;
    }

    /// <summary>Step 5: typed input for the state's slot, with retries and the exhausted path.</summary>
    private async Task<bool> InputAsync(CompiledInput input, string text, string key, InboundMessage message, CancellationToken cancellationToken)
    {
        if (InputParser.TryParse(input, text, Locale, title => _replies.Render(title), out var value))
        {
            SetSlot(input.Definition.Slot, value);
            Conversation.InputAttempts = 0;
            Conversation.NotUnderstood = 0;
            await FireAsync(Triggers.InputValid, cancellationToken);
            return true;
        }

        // Before counting a retry, let a global command, a flow keyword or a confident intent through, so a
        // customer is never trapped in a question ("cancel", "talk to an agent", "where is my order?").
        if (await GlobalOrEntryKeywordAsync(key, cancellationToken)) return true;
        if (await ClassifyAsync(text, message.PinnedIntent, requireRoute: true, cancellationToken)) return true;

        Conversation.InputAttempts++;
        if (Conversation.InputAttempts > input.Definition.Retries)
        {
            Conversation.InputAttempts = 0;
            if (!await FireAsync(Triggers.InputExhausted, cancellationToken)) await NotUnderstoodAsync(cancellationToken);
            return true;
        }

        Say(input.Definition.Invalid ?? SharedTexts.InputInvalid, State);
        return true;
    }

    /// <summary>Step 6: global commands and flow entry keywords (whole message).</summary>
    private async Task<bool> GlobalOrEntryKeywordAsync(string key, CancellationToken cancellationToken)
    {
        if (_services.Keywords.Global(key, Locale) is { } command)
        {
            await GlobalAsync(command, cancellationToken);
            return true;
        }

        foreach (var flow in _catalog.Flows)
        {
            foreach (var locale in Locales.Chain(Locale, _services.Routing.DefaultLocale))
            {
                if (flow.EntryKeywords.TryGetValue(locale, out var keywords) && keywords.MatchesWhole(key))
                {
                    await StartFlowAsync(flow, null, cancellationToken);
                    return true;
                }
            }
        }

        return false;
    }

    private async Task MediaAsync(string kind, CancellationToken cancellationToken)
    {
        // A reaction is an emoji on one of our messages: acknowledging it with "I can only read text" would be noise.
        if (IsHandedOff || kind == "reaction") return;
        if (await RestartIfStateRemovedAsync(cancellationToken)) return;
        if (await FireAsync(Triggers.Media(kind), cancellationToken) || await FireAsync(Triggers.Media("any"), cancellationToken)) return;
        Say(SharedTexts.NonText, State);
    }
}
