using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Messaging;
using ChatRouter.Outbox;
using ChatRouter.Routing;
using ChatRouter.Scheduling;
using ChatRouter.Server.Outbox;
using ChatRouter.Wire;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Proactive;

/// <summary>
/// A customer's due digests: their waiting low-urgency messages are planned again now (<see cref="GuardrailPolicy.PlanDigests"/>:
/// consent withdrawn meanwhile suppresses them, a TTL that ran out expires an item, the cap may push the digest
/// later), and each digest due goes out as one message whose audit record (kind <c>digest</c>) is what the cap
/// counts. The digest's outbox entry is keyed by customer and digest, so a crash before the items are removed never
/// sends it twice: the next pass finds the entry and only removes them.
/// </summary>
internal sealed partial class DigestSender(
    IScheduleStore schedule,
    IConversationStore store,
    IOutboxStore outbox,
    ProactiveGate gate,
    ConversationEngine engine,
    OutboxSender sender,
    IOptions<GuardrailOptions> guardrails,
    ILogger<DigestSender> logger)
{
    public async Task SendDueAsync(string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var waiting = (await schedule.ForCustomerAsync(customerId, cancellationToken)).Where(s => s.Kind == ScheduledKinds.Digest).ToList();
        if (waiting.Count == 0) return;
        var profile = await store.GetProfileAsync(customerId, cancellationToken);
        if (profile is null)
        {
            // Erased since: nothing to send, nobody to send it to.
            await schedule.RemoveAsync([.. waiting.Select(s => s.Id)], cancellationToken);
            return;
        }

        var set = gate.Policy();
        var items = waiting.Select(s => new Item(s, ProactiveJson.Read(s.Event))).ToList();
        var byMessage = items.GroupBy(i => ProactiveIds.Message(i.Event, i.Send.Id), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var latest = items[^1].Event;
        var unknown = items.Where(i => !set.Catalog.Taxonomy.TryGet(i.Send.EventType, out _)).ToList();
        if (unknown.Count > 0) await ResolveAsync(unknown, Decision.Expired, "its event type is no longer known to any flow", now, cancellationToken);

        var customer = await gate.CustomerAsync(profile, latest, set.Catalog, cancellationToken);
        foreach (var plan in set.Policy.PlanDigests(customer, now))
        {
            var members = plan.MessageIds.SelectMany(id => byMessage.GetValueOrDefault(id) ?? []).ToList();
            var expired = plan.ExpiredMessageIds.SelectMany(id => byMessage.GetValueOrDefault(id) ?? []).ToList();
            if (!members.Concat(expired).Any(i => i.Send.DueAt <= now)) continue;
            var key = $"digest:{customerId}:{plan.Key}";
            if (await outbox.FindByIdempotencyKeyAsync(key + "#1", cancellationToken) is not null)
            {
                await schedule.RemoveAsync([.. members.Concat(expired).Select(i => i.Send.Id)], cancellationToken);
                continue;
            }

            var decision = plan.Decision;
            if (decision.Decision == Decision.Digested && decision.DueAt is { } later)
            {
                await RescheduleAsync(members.Concat(expired), later, cancellationToken);
                continue;
            }

            if (decision.Decision != Decision.Sent)
            {
                // Suppressed, capped (a cap of 0) or every item expired: the plan drops them all.
                await ResolveAsync([.. members, .. expired], decision.Decision, decision.Reason, now, cancellationToken);
                continue;
            }

            await ResolveAsync(expired, Decision.Expired, $"its TTL ran out before digest {plan.Key} could go", now, cancellationToken);
            if (members.Count > 0) await SendAsync(profile.Id, plan, key, members, decision, now, cancellationToken);
        }
    }

    private async Task SendAsync(string customerId, DigestPlan plan, string key, List<Item> members, GuardrailDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ordered = members.OrderBy(i => i.Send.CreatedAt).ThenBy(i => i.Send.Id, StringComparer.Ordinal).ToList();
        var last = ordered[^1].Event;
        var request = new DigestRequest(last.Channel, last.BusinessNumber, last.CustomerId ?? last.Phone?.TrimStart('+') ?? "", plan.Category, [.. ordered.Select(i => i.Event)], guardrails.Value.DigestTemplateFor(plan.Category))
        {
            Phone = last.Phone,
        };
        var set = gate.Policy();
        var send = new ProactiveSend(
            SortableId.Next(now), plan.Category, Urgency.Low, null, null, ordered.Max(i => i.Send.CreatedAt + set.Events.TtlFor(i.Send.EventType)),
            decision.Consent is { } consent ? WireName.Of(consent.LawfulBasis) : null, decision.Consent?.Reason, decision.Reason, AuditKinds.Digest);
        IReadOnlyList<OutboxEntry> planned = [];
        await engine.HandleDigestAsync(request, turn =>
        {
            planned = OutboxPlanner.Plan(turn, key, OutboxOrigin.BusinessEvent, now, send);
            return OutboxPlanner.Writes(turn, planned, send);
        }, cancellationToken);
        if (planned.Count == 0)
        {
            await ResolveAsync(members, Decision.Failed, "the conversation was with an agent when the digest was due", now, cancellationToken);
            return;
        }

        sender.Enqueue(planned);
        await ResolveAsync(members, Decision.Digested, $"went in digest {planned[0].Id} at {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}", now, cancellationToken);
        LogSent(logger, customerId, members.Count, plan.Category);
    }

    /// <summary>Brings the items' audit records to their outcome and removes them from the schedule.</summary>
    private async Task ResolveAsync(List<Item> items, Decision outcome, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return;
        var set = gate.Policy();
        foreach (var item in items)
        {
            var profile = await store.GetProfileAsync(item.Send.CustomerId, cancellationToken);
            var decided = new ProactiveCase
            {
                Event = item.Event,
                MessageId = ProactiveIds.Message(item.Event, item.Send.Id),
                RecordId = ProactiveIds.Record(item.Send.CreatedAt, ProactiveIds.Message(item.Event, item.Send.Id)),
                Content = set.Catalog.Taxonomy.TryGet(item.Send.EventType, out var content) ? content : null,
                Profile = profile,
                Decision = new GuardrailDecision(outcome, reason),
            };
            var record = ProactiveGate.Record(decided, now);
            record.DueAt = item.Send.DueAt;
            await gate.WriteAsync(record, cancellationToken);
        }

        await schedule.RemoveAsync([.. items.Select(i => i.Send.Id)], cancellationToken);
    }

    /// <summary>Moves items to their digest's new due time: the copy is stored before the original goes, so a crash loses neither.</summary>
    private async Task RescheduleAsync(IEnumerable<Item> items, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var moving = items.Where(i => i.Send.DueAt != due).ToList();
        if (moving.Count == 0) return;
        await schedule.AddAsync([.. moving.Select(i => Moved(i.Send, due))], cancellationToken);
        await schedule.RemoveAsync([.. moving.Select(i => i.Send.Id)], cancellationToken);
    }

    private static ScheduledSend Moved(ScheduledSend send, DateTimeOffset due) => new()
    {
        Id = ProactiveIds.Moved(send.Id, due),
        CustomerId = send.CustomerId,
        Kind = send.Kind,
        DueAt = due,
        DigestKey = send.DigestKey,
        EventType = send.EventType,
        Event = send.Event,
        CreatedAt = send.CreatedAt,
        CampaignId = send.CampaignId,
    };

    private sealed record Item(ScheduledSend Send, BusinessEvent Event);

    [LoggerMessage(EventId = 6301, Level = LogLevel.Information, Message = "Digest of {Count} {Category} messages queued for customer {CustomerId}")]
    private static partial void LogSent(ILogger logger, string customerId, int count, ContentCategory category);
}
