using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>The routing order of contracts.md, one step per method.</summary>
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
        if (IsHandedOff) return;
        if (await RestartIfStateRemovedAsync(cancellationToken)) return;
        if (await QuickReplyAsync(message, key, pending, cancellationToken)) return;
        if (message.QuickReplyId is null && State?.Input is { } input && await InputAsync(input, text, key, message, cancellationToken)) return;
        if (await GlobalOrEntryKeywordAsync(key, cancellationToken)) return;
        await ClassifyAsync(text, message.PinnedIntent, requireRoute: false, cancellationToken);
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

    /// <summary>Steps 1 and 2: opt-out/opt-in keywords, then escalation keywords. They work even while handed off.</summary>
    private async Task<bool> KeywordGuardsAsync(string text, string key, CancellationToken cancellationToken)
    {
        if (_services.Keywords.OptOut.MatchesWhole(key))
        {
            ChangeConsent(Profiles.ConsentStatus.OptedOut, "keyword:" + text, SharedTexts.OptOut, "optout");
            return true;
        }

        if (_services.Keywords.OptIn.MatchesWhole(key))
        {
            ChangeConsent(Profiles.ConsentStatus.OptedIn, "keyword:" + text, SharedTexts.OptIn, "optin");
            return true;
        }

        if (!IsHandedOff && _services.Keywords.Escalate.MatchesWithin(TextNormalizer.Words(key)))
        {
            await HandOffAsync("keyword", null, sayNotice: true, cancellationToken);
            return true;
        }

        return false;
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

    /// <summary>
    /// Steps 7 and 8: the classifier and its confidence bands. With <paramref name="requireRoute"/> (invalid
    /// input), only an accepted intent that leads somewhere counts, and nothing is said otherwise.
    /// </summary>
    private async Task<bool> ClassifyAsync(string text, IntentPin? pin, bool requireRoute, CancellationToken cancellationToken)
    {
        var prediction = pin is not null
            ? new IntentPrediction(pin.Intent, pin.Confidence, [new IntentScore(pin.Intent, pin.Confidence)], new ConfidenceBands(0, 0))
            : _services.Classifier.Classify(text, Locale);
        var bands = Bands(prediction.Bands);
        if (_inbound is not null)
        {
            _inbound.Intent = prediction.Intent;
            _inbound.Confidence = prediction.Confidence;
        }

        _journal.Report(new IntentEvent(text, prediction.Intent, prediction.Confidence, prediction.Top));
        var inScope = prediction.Intent != IntentPrediction.OutOfScope;
        if (inScope && prediction.Confidence >= bands.Accept)
        {
            if (await RouteIntentAsync(prediction.Intent, cancellationToken)) return true;
            if (requireRoute) return false;
            await NotUnderstoodAsync(cancellationToken);
            return true;
        }

        if (requireRoute) return false;
        if (inScope && prediction.Confidence >= bands.Clarify)
        {
            var candidates = prediction.Top.Where(s => s.Intent != IntentPrediction.OutOfScope && IsRoutable(s.Intent)).Take(2).ToList();
            if (candidates.Count > 0)
            {
                AskDidYouMean(candidates);
                return true;
            }
        }

        await NotUnderstoodAsync(cancellationToken);
        return true;
    }

    /// <summary>Accept and clarify thresholds: the state's, else the flow's, else configuration, else the model's.</summary>
    private ConfidenceBands Bands(ConfidenceBands model)
    {
        var accept = State?.Definition.Thresholds?.Accept ?? Flow?.Definition.Thresholds?.Accept ?? _services.Routing.AcceptThreshold ?? model.Accept;
        var clarify = State?.Definition.Thresholds?.Clarify ?? Flow?.Definition.Thresholds?.Clarify ?? _services.Routing.ClarifyThreshold ?? model.Clarify;
        return new ConfidenceBands(accept, Math.Min(clarify, accept));
    }

    private bool IsRoutable(string intent) =>
        _services.Escalation.SensitiveIntents.Contains(intent, StringComparer.Ordinal)
        || State?.HasTrigger(Triggers.Intent(intent)) == true
        || GlobalIntent(intent) is not null
        || EntryFlow(intent) is not null;

    private CompiledFlow? EntryFlow(string intent) =>
        _catalog.Flows.FirstOrDefault(f => f.Definition.Triggers.Intents.Contains(intent, StringComparer.Ordinal));

    private static GlobalCommand? GlobalIntent(string intent) => intent switch
    {
        "help" => GlobalCommand.Help,
        "menu" => GlobalCommand.Menu,
        "cancel" => GlobalCommand.Cancel,
        "language" => GlobalCommand.Language,
        "goodbye" => GlobalCommand.Goodbye,
        _ => null,
    };

    /// <summary>An accepted intent: sensitive → handoff; the state's transition; a global; another flow's entry.</summary>
    private async Task<bool> RouteIntentAsync(string intent, CancellationToken cancellationToken)
    {
        if (_services.Escalation.SensitiveIntents.Contains(intent, StringComparer.Ordinal))
        {
            await HandOffAsync("sensitive_intent", null, sayNotice: true, cancellationToken);
            return true;
        }

        if (await FireAsync(Triggers.Intent(intent), cancellationToken)) return true;
        if (GlobalIntent(intent) is { } command)
        {
            await GlobalAsync(command, cancellationToken);
            return true;
        }

        if (EntryFlow(intent) is { } flow)
        {
            await StartFlowAsync(flow, null, cancellationToken, Triggers.Intent(intent));
            return true;
        }

        return false;
    }

    private void AskDidYouMean(IReadOnlyList<IntentScore> candidates)
    {
        var options = candidates.Select(c => new QuickReply("intent:" + c.Intent, IntentTitle(c.Intent))).ToList();
        options.Add(new QuickReply("intent:none", _replies.RenderTitle(SharedTexts.NoneOfThese, WhatsAppLimits.ButtonTitle)));
        Conversation.Pending = new PendingPrompt
        {
            Kind = "clarify",
            Options = options.ToDictionary(o => o.Id, o => o.Id["intent:".Length..], StringComparer.Ordinal),
        };
        Say(SharedTexts.DidYouMean, quickReplies: options);
    }

    private string IntentTitle(string intent) =>
        _replies.Has(SharedTexts.IntentTitle(intent))
            ? _replies.RenderTitle(SharedTexts.IntentTitle(intent), WhatsAppLimits.ButtonTitle)
            : WhatsAppLimits.Fit(intent.Replace('_', ' '), WhatsAppLimits.ButtonTitle);

    private string TitleOfPendingOption(PendingPrompt pending, string id) => pending.Kind switch
    {
        "language" => SharedTexts.NameOf(_catalog.Shared, pending.Options[id]),
        _ when pending.Options[id] == "none" => _replies.Render(SharedTexts.NoneOfThese),
        _ => IntentTitle(pending.Options[id]),
    };

    private async Task AnswerPendingAsync(PendingPrompt pending, string id, CancellationToken cancellationToken)
    {
        var value = pending.Options[id];
        if (pending.Kind == "language")
        {
            ChangeLanguage(value);
            return;
        }

        if (value == "none" || !await RouteIntentAsync(value, cancellationToken)) await NotUnderstoodAsync(cancellationToken);
    }

    /// <summary>Step 8: the fallback reply, or a <c>low_confidence</c> handoff after too many in a row.</summary>
    private async Task NotUnderstoodAsync(CancellationToken cancellationToken)
    {
        if (Flow is null && DefaultFlow is { } start)
        {
            await StartFlowAsync(start, null, cancellationToken);
            return;
        }

        Conversation.NotUnderstood++;
        if (Conversation.NotUnderstood >= _services.Routing.MaxNotUnderstood)
        {
            await HandOffAsync("low_confidence", null, sayNotice: true, cancellationToken);
            return;
        }

        Say(State?.Definition.Fallback ?? Flow?.Definition.Fallback ?? SharedTexts.Fallback, State);
    }

    private CompiledFlow? DefaultFlow => _services.DefaultFlow(_catalog);

    private async Task MediaAsync(string kind, CancellationToken cancellationToken)
    {
        // A reaction is an emoji on one of our messages: acknowledging it with "I can only read text" would be noise.
        if (IsHandedOff || kind == "reaction") return;
        if (await RestartIfStateRemovedAsync(cancellationToken)) return;
        if (await FireAsync(Triggers.Media(kind), cancellationToken) || await FireAsync(Triggers.Media("any"), cancellationToken)) return;
        Say(SharedTexts.NonText, State);
    }
}
