using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Server.Alerts;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Templates;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Sends one outbox entry and records what became of it: the TTL and suppression checks for business-initiated
/// messages, the 24-hour window (approved WhatsApp message template, else the downgrade hook), the
/// provider's answer (sent, retry with backoff, or failed with code and reason) and consent changes it implies.
/// </summary>
internal sealed class OutboxDelivery(
    IEnumerable<IChannel> channels,
    IOutboxStore outbox,
    IAuditStore audit,
    IConversationStore store,
    ConversationEngine engine,
    WhatsAppTemplateRegistry templates,
    IDowngradeChannel downgrade,
    DeliveryTracker tracker,
    ServerMetrics metrics,
    SendFailureAlerts failureAlerts,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    private readonly Dictionary<string, IChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);
    private readonly OutboxOptions _options = options.Value;

    /// <summary>Sends <paramref name="entry"/>; returns when to try again, or null when it is finished (sent or final).</summary>
    public async Task<DateTimeOffset?> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        if (!_channels.TryGetValue(entry.Channel, out var channel))
        {
            await FinishAsync(entry, OutboxState.Failed, null, $"no channel '{entry.Channel}' is configured");
            return null;
        }

        var message = OutboxJson.Read(entry.Message);
        var now = time.GetUtcNow();
        if (entry.Origin == OutboxOrigin.BusinessEvent && entry.ExpiresAt is { } expires && now >= expires)
        {
            await ExpireAsync(entry, expires);
            return null;
        }

        if (entry.Origin == OutboxOrigin.BusinessEvent && await OptedOutAsync(entry, cancellationToken))
        {
            await FinishAsync(entry, OutboxState.Suppressed, null, "the customer opted out");
            return null;
        }

        if (channel.Capabilities.ServiceWindow && !(entry.WindowExpiresAt > now))
            return await WindowLapsedAsync(channel, entry, message, cancellationToken);

        var result = await channel.SendAsync(new OutboundRequest(entry.BusinessNumber, entry.To, message, null, entry.Id), cancellationToken);
        return await ApplyAsync(channel, entry, message, result, template: null, cancellationToken);
    }

    // template: the WhatsApp message template sent instead of the text (its language and version go to the entry, so to the audit), or null.
    private async Task<DateTimeOffset?> ApplyAsync(IChannel channel, OutboxEntry entry, OutboundMessage message, SendResult result, WhatsAppTemplateRecord? template, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        switch (result)
        {
            case SendAccepted accepted:
                await outbox.UpdateAsync(entry.Id, e =>
                {
                    e.ProviderMessageId = accepted.ProviderMessageId;
                    e.Attempts++;
                    e.SentAt ??= now;
                    if (template is not null)
                    {
                        e.TemplateName = template.Name;
                        e.TemplateLanguage = template.Language;
                        e.TemplateVersion = template.VersionLabel;
                    }

                    if (e.State == OutboxState.Pending) e.State = OutboxState.Sent;
                    return true;
                }, CancellationToken.None);
                metrics.Sent(entry, now);
                failureAlerts.Ended(failed: false);
                OutboxLog.Sent(logger, entry.Id, entry.Channel, accepted.ProviderMessageId);
                await tracker.ReleaseParkedAsync(accepted.ProviderMessageId, CancellationToken.None);
                return null;

            case SendRetry retry when entry.Attempts + 1 < _options.MaxAttempts:
                var delay = Backoff.Delay(_options, entry.Attempts + 1, retry.Cause == RetryCause.RecipientRateLimit, retry.After, Random.Shared.NextDouble());
                var at = now + delay;
                await outbox.UpdateAsync(entry.Id, e =>
                {
                    e.Attempts++;
                    e.ErrorCode = retry.Code;
                    e.ErrorReason = retry.Reason;
                    e.NextAttemptAt = at;
                    return true;
                }, CancellationToken.None);
                entry.Attempts++;
                metrics.Retried(entry, retry.Code);
                OutboxLog.Retrying(logger, entry.Id, retry.Code, retry.Reason, delay);
                return at;

            case SendRetry retry:
                await FinishAsync(entry, OutboxState.Failed, retry.Code, $"gave up after {_options.MaxAttempts} attempts: {retry.Reason}", retryable: retry.Cause.ToString());
                return null;

            case SendFailed { Kind: SendFailure.WindowClosed } failed when template is null:
                OutboxLog.WindowClosedByProvider(logger, entry.Id, failed.Code);
                return await WindowLapsedAsync(channel, entry, message, cancellationToken);

            case SendFailed { Kind: SendFailure.TemplateUnavailable } failed when template is not null:
                return await DowngradeAsync(entry, message, $"WhatsApp message template {message.WindowTemplate?.Name} unavailable ({failed.Code}: {failed.Reason})");

            case SendFailed { Kind: SendFailure.OptedOut } failed:
                await RecordOptOutAsync(entry, failed.Code, cancellationToken);
                await FinishAsync(entry, OutboxState.Failed, failed.Code, failed.Reason);
                return null;

            case SendFailed failed:
                if (failed.Kind == SendFailure.Configuration) OutboxLog.ConfigurationProblem(logger, entry.Channel, failed.Code, failed.Reason);
                await FinishAsync(entry, OutboxState.Failed, failed.Code, failed.Reason);
                return null;

            default:
                throw new InvalidOperationException($"Unknown send result {result.GetType().Name}.");
        }
    }

    /// <summary>
    /// Outside the 24-hour window only an approved WhatsApp message template may be sent. The state's template
    /// if it names one and Meta approved it in the customer's language; otherwise the downgrade hook.
    /// </summary>
    public async Task<DateTimeOffset?> WindowLapsedAsync(IChannel channel, OutboxEntry entry, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.WindowTemplate is { } template && channel.Capabilities.MessageTemplates && templates.IsApproved(template.Name, template.Language, out var approved))
        {
            var request = new OutboundRequest(entry.BusinessNumber, entry.To, null, template with { Language = approved.Language }, entry.Id);
            var result = await channel.SendAsync(request, cancellationToken);
            return await ApplyAsync(channel, entry, message, result, approved, cancellationToken);
        }

        return await DowngradeAsync(entry, message, message.WindowTemplate is null ? "window_lapsed" : $"window_lapsed; WhatsApp message template {message.WindowTemplate.Name} is not approved in {message.Locale}");
    }

    private async Task<DateTimeOffset?> DowngradeAsync(OutboxEntry entry, OutboundMessage message, string reason)
    {
        var now = time.GetUtcNow();
        await downgrade.DowngradeAsync(new DowngradeRequest(entry.ConversationId, entry.CustomerId, reason, message.Text, message.Locale, entry.Id, now), CancellationToken.None);
        await FinishAsync(entry, OutboxState.Downgraded, null, reason);
        return null;
    }

    // retryable: the retry cause when every attempt met a retryable error, the mark POST /api/outbox/replay looks for.
    private async Task FinishAsync(OutboxEntry entry, OutboxState state, int? code, string reason, string? retryable = null)
    {
        var now = time.GetUtcNow();
        await outbox.UpdateAsync(entry.Id, e =>
        {
            e.State = state;
            e.ErrorCode = code;
            e.ErrorReason = reason;
            e.FailedAt = now;
            e.RetryableFailure = retryable;
            return true;
        }, CancellationToken.None);
        metrics.Finished(entry, state, code);
        // Suppressed and downgraded messages are decisions, not failures; neither counts toward the rate.
        if (state == OutboxState.Failed) failureAlerts.Ended(failed: true);
        OutboxLog.Finished(logger, entry.Id, state, code, reason);
    }

    /// <summary>
    /// Waited past its TTL (paced, retried or queued behind others): not sent. The entry fails; its audit record says
    /// expired, the guardrails' word for it, after the store has made it follow the entry.
    /// </summary>
    private async Task ExpireAsync(OutboxEntry entry, DateTimeOffset expires)
    {
        var reason = $"expired: its TTL ran out at {expires.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} before it could be sent";
        await FinishAsync(entry, OutboxState.Failed, null, reason);
        await audit.UpdateAsync(entry.Id, r =>
        {
            r.Decision = Wire.WireName.Of(Guardrails.Decision.Expired);
            r.Reason = reason;
            return true;
        }, CancellationToken.None);
    }

    /// <summary>The consent rule for the entry's purpose at the moment of sending (a customer may have opted out since it was queued).</summary>
    private async Task<bool> OptedOutAsync(OutboxEntry entry, CancellationToken cancellationToken) =>
        (await store.GetProfileAsync(entry.CustomerId, cancellationToken))?.Consent.Allows(entry.Purpose).Allowed == false;

    private Task<CustomerProfile> RecordOptOutAsync(OutboxEntry entry, int? code, CancellationToken cancellationToken) =>
        engine.RecordConsentAsync(entry.Channel, entry.To, [ConsentEntry.WhatsAppPreference(resume: false, $"{entry.Channel} send error {code} for {entry.Id}", time.GetUtcNow())], cancellationToken);
}
