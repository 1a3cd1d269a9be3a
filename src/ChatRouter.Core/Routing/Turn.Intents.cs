using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Identity;
using ChatRouter.Messaging;
using ChatRouter.Replies;
using ChatRouter.Review;
using ChatRouter.Text;

namespace ChatRouter.Routing;

/// <summary>
/// Steps 7 and 8 of the routing order: what the classifier's intent leads to, "did you mean…?" when it is
/// unsure, and the fallback when nothing fits.
/// </summary>
internal sealed partial class Turn
{
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
        // Where the message came, before routing moves the conversation on: what a trainer needs to judge it.
        var (flow, state) = (Conversation.FlowId, Conversation.State);
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
                QueueForReview(text, prediction, ReviewReasons.Clarify, flow, state);
                return true;
            }
        }

        var handedOff = await NotUnderstoodAsync(cancellationToken);
        QueueForReview(text, prediction, handedOff ? ReviewReasons.LowConfidence : ReviewReasons.NotUnderstood, flow, state);
        return true;
    }

    /// <summary>
    /// Keeps a message the classifier did not route for a trainer, masked. An accepted intent that leads nowhere in
    /// this state is not queued: the classifier understood it, and labelling it would teach the model nothing.
    /// </summary>
    private void QueueForReview(string text, IntentPrediction prediction, string reason, string? flow, string? state)
    {
        // The customer's own country tells which nationally written numbers are phones; any other number is masked anyway.
        var region = PhoneNumber.TryFromChannelId(Profile.Phone?.TrimStart('+'), out var phone, out _) ? phone.RegionCode : null;
        _journal.QueueForReview(new ReviewItem
        {
            CustomerId = Profile.Id,
            ConversationId = Conversation.Id,
            MessageId = _inbound?.Id,
            Text = PiiMask.Apply(text, region),
            Locale = Locale,
            Flow = flow,
            State = state,
            Reason = reason,
            Intent = prediction.Intent,
            Confidence = prediction.Confidence,
            Top = [.. prediction.Top.Select(s => new ReviewScore { Intent = s.Intent, Confidence = s.Confidence })],
        });
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

    /// <summary>Step 8: the fallback reply, or a <c>low_confidence</c> handoff after too many in a row (then true).</summary>
    private async Task<bool> NotUnderstoodAsync(CancellationToken cancellationToken)
    {
        if (Flow is null && DefaultFlow is { } start)
        {
            await StartFlowAsync(start, null, cancellationToken);
            return false;
        }

        Conversation.NotUnderstood++;
        if (Conversation.NotUnderstood >= _services.Routing.MaxNotUnderstood)
        {
            await HandOffAsync("low_confidence", null, sayNotice: true, cancellationToken);
            return true;
        }

        Say(State?.Definition.Fallback ?? Flow?.Definition.Fallback ?? SharedTexts.Fallback, State);
        return false;
    }
}
