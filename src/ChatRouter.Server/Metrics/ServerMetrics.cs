using ChatRouter.Outbox;
using Prometheus;

namespace ChatRouter.Server.Metrics;

/// <summary>
/// What operators watch, exported at <c>/metrics</c> (Prometheus text): inbound, sent, delivered, read,
/// failed, escalations, retries, queue depths. Each server has its own registry, so tests and several hosts
/// in one process do not mix their numbers.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly Counter _webhooks;
    private readonly Counter _inbound;
    private readonly Counter _skipped;
    private readonly Counter _coalesced;
    private readonly Counter _outbound;
    private readonly Counter _retries;
    private readonly Counter _statuses;
    private readonly Counter _handoffs;
    private readonly Histogram _turnSeconds;
    private readonly Histogram _firstResponseSeconds;
    private readonly Histogram _resolutionSeconds;
    private readonly Counter _slaBreaches;
    private readonly Histogram _acceptToSendSeconds;

    private readonly Histogram _webhookAcceptSeconds;
    private readonly Histogram _webhookMessageAgeSeconds;
    private readonly Counter _templateStatusChanges;
    private readonly Gauge _templateStatus;

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _webhooks = factory.CreateCounter("chatrouter_webhook_requests_total", "Webhook requests by channel and outcome.", "channel", "outcome");
        _inbound = factory.CreateCounter("chatrouter_inbound_messages_total", "Customer messages and business events accepted (after dedupe).", "channel");
        _coalesced = factory.CreateCounter("chatrouter_inbound_coalesced_total", "Customer messages over the per-customer inbound limit: stored for agents, not answered one by one.", "channel");
        // reason is one of a fixed five (SkipReason), so the label cannot grow with what callers send.
        _skipped = factory.CreateCounter("chatrouter_webhook_items_skipped_total", "Items of accepted webhook deliveries that were skipped (each logged with why), by reason.", "channel", "reason");
        _outbound = factory.CreateCounter("chatrouter_outbound_messages_total", "Outbound messages by final or sent state.", "channel", "flow", "state");
        _retries = factory.CreateCounter("chatrouter_outbound_retries_total", "Send attempts that will be retried, by provider code.", "channel", "code");
        _statuses = factory.CreateCounter("chatrouter_outbound_status_total", "Delivery statuses received (delivered, read, failed).", "channel", "flow", "status");
        _handoffs = factory.CreateCounter("chatrouter_handoffs_total", "Conversations handed to a human, by reason.", "reason", "queue");
        _turnSeconds = factory.CreateHistogram("chatrouter_turn_seconds", "Time to handle one message (engine and store).", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        _firstResponseSeconds = factory.CreateHistogram("chatrouter_handoff_first_response_seconds", "Time from handoff to the agent's first message, per queue.", new HistogramConfiguration { LabelNames = ["queue"], Buckets = Histogram.ExponentialBuckets(5, 2, 12) });
        _resolutionSeconds = factory.CreateHistogram("chatrouter_handoff_resolution_seconds", "Time from handoff to hand-back, per queue.", new HistogramConfiguration { LabelNames = ["queue"], Buckets = Histogram.ExponentialBuckets(30, 2, 12) });
        _slaBreaches = factory.CreateCounter("chatrouter_handoff_sla_breaches_total", "Handoffs that waited past their queue's SLA.", "queue");
        _webhookAcceptSeconds = factory.CreateHistogram("chatrouter_webhook_accept_seconds", "Time to accept a webhook delivery (read, verify, parse, store in the inbox).", new HistogramConfiguration { LabelNames = ["channel"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });
        _webhookMessageAgeSeconds = factory.CreateHistogram("chatrouter_webhook_message_age_seconds", "From a customer message's own timestamp to its acceptance (provider delay plus ours).", new HistogramConfiguration { LabelNames = ["channel"], Buckets = Histogram.ExponentialBuckets(0.25, 2, 14) });
        _templateStatusChanges = factory.CreateCounter("chatrouter_whatsapp_template_status_changes_total", "WhatsApp message template status changes (webhook or sync), by the new status.", "template", "language", "status");
        _templateStatus = factory.CreateGauge("chatrouter_whatsapp_template_status", "1 for each WhatsApp message template's current status.", "template", "language", "status");
        _acceptToSendSeconds = factory.CreateHistogram("chatrouter_accept_to_send_seconds", "From webhook accepted to the reply accepted by the provider.", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
    }

    public CollectorRegistry Registry { get; }

    /// <summary>A webhook delivery accepted after <paramref name="elapsed"/>, carrying messages with these ages.</summary>
    public void WebhookAccepted(string channel, TimeSpan elapsed, IEnumerable<TimeSpan> messageAges)
    {
        _webhookAcceptSeconds.WithLabels(channel).Observe(elapsed.TotalSeconds);
        foreach (var age in messageAges) _webhookMessageAgeSeconds.WithLabels(channel).Observe(Math.Max(0, age.TotalSeconds));
    }

    /// <summary>A template's status is now <paramref name="status"/>; <paramref name="before"/> null when first seen (no change counted).</summary>
    public void TemplateStatus(string template, string language, string? before, string status)
    {
        if (before is not null && before != status)
        {
            _templateStatusChanges.WithLabels(template, language, status).Inc();
            _templateStatus.WithLabels(template, language, before).Set(0);
        }

        _templateStatus.WithLabels(template, language, status).Set(1);
    }

    public void Webhook(string channel, string outcome) => _webhooks.WithLabels(channel, outcome).Inc();

    /// <summary>Items of accepted deliveries that were not stored, by <see cref="Webhooks.WebhookSkip.Label"/>; each is logged with why.</summary>
    public void WebhookSkipped(string channel, string reason, int count) => _skipped.WithLabels(channel, reason).Inc(count);

    public void Inbound(string channel, int count) => _inbound.WithLabels(channel).Inc(count);

    public void Coalesced(string channel) => _coalesced.WithLabels(channel).Inc();

    public void Sent(OutboxEntry entry, DateTimeOffset now)
    {
        _outbound.WithLabels(entry.Channel, entry.Flow ?? "", "sent").Inc();
        _acceptToSendSeconds.Observe(Math.Max(0, (now - entry.CreatedAt).TotalSeconds));
    }

    public void Retried(OutboxEntry entry, int? code) => _retries.WithLabels(entry.Channel, code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Inc();

    public void Finished(OutboxEntry entry, OutboxState state, int? code) =>
        _outbound.WithLabels(entry.Channel, entry.Flow ?? "", state.ToString().ToLowerInvariant()).Inc();

    public void Status(OutboxEntry entry, string status) => _statuses.WithLabels(entry.Channel, entry.Flow ?? "", status).Inc();

    public void Handoff(string reason, string queue) => _handoffs.WithLabels(reason, queue).Inc();

    /// <summary>Observed once per handoff, at the agent's first message.</summary>
    public void FirstResponse(Conversations.Handoff handoff) =>
        _firstResponseSeconds.WithLabels(handoff.Queue).Observe(Math.Max(0, ((handoff.FirstResponseAt ?? handoff.RequestedAt) - handoff.RequestedAt).TotalSeconds));

    public void Resolved(Conversations.Handoff handoff) =>
        _resolutionSeconds.WithLabels(handoff.Queue).Observe(Math.Max(0, ((handoff.ReleasedAt ?? handoff.RequestedAt) - handoff.RequestedAt).TotalSeconds));

    public void SlaBreached(string queue) => _slaBreaches.WithLabels(queue).Inc();

    public void Turn(TimeSpan elapsed) => _turnSeconds.Observe(elapsed.TotalSeconds);

    /// <summary>Gauges computed at scrape time.</summary>
    public void OnScrape(Func<(int InboxPending, int OutboxQueued, TimeSpan InboxOldest, TimeSpan OutboxOldestDue)> read)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        var inbox = factory.CreateGauge("chatrouter_inbox_pending", "Accepted notifications not yet processed.");
        var outbox = factory.CreateGauge("chatrouter_outbox_queued", "Outbound messages waiting to be sent.");
        var inboxAge = factory.CreateGauge("chatrouter_inbox_oldest_age_seconds", "Age of the oldest accepted notification not yet processed (0 when none).");
        var outboxAge = factory.CreateGauge("chatrouter_outbox_oldest_due_age_seconds", "How long the longest-waiting due outbound message is past its due time (0 when none).");
        Registry.AddBeforeCollectCallback(() =>
        {
            var (pending, queued, inboxOldest, outboxOldest) = read();
            inbox.Set(pending);
            outbox.Set(queued);
            inboxAge.Set(inboxOldest.TotalSeconds);
            outboxAge.Set(outboxOldest.TotalSeconds);
        });
    }
}
