using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Identity;
using ChatRouter.Outbox;
using ChatRouter.Wire;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Decides again, for a message that failed during an outage, what the guardrails would decide if it were queued now:
/// a business-initiated one against the consent ledger, the caps (counting what this replay already requeued for the
/// customer), quiet hours and its event type's TTL (<see cref="GuardrailPolicy"/>); a reply or agent message only
/// against <c>Events:DefaultTtl</c>, since no consent, cap or quiet hours apply to a conversation the customer started.
/// The 24-hour window is brought up to date here and checked by <see cref="OutboxDelivery"/> when it sends.
/// </summary>
internal sealed class ReplayJudge(
    IConversationStore store,
    IAuditStore audit,
    GuardrailPolicy policy,
    IOptions<GuardrailOptions> guardrails,
    IOptions<EventOptions> events,
    IServiceProvider services)
{
    // What this replay requeued per customer: the caps count them as sends. One judge per replay (transient).
    private readonly Dictionary<string, List<PastSend>> _requeued = new(StringComparer.Ordinal);

    public async Task<OutboxReplay> JudgeAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = (await store.GetConversationAsync(entry.ConversationId, cancellationToken))?.WindowExpiresAt;
        if (entry.Origin != OutboxOrigin.BusinessEvent)
        {
            var expiresAt = entry.CreatedAt + events.Value.DefaultTtl;
            return now >= expiresAt
                ? new OutboxReplay(entry.Id, Decision.Expired, $"a reply older than Events:DefaultTtl ({events.Value.DefaultTtl}) is not sent any more", null, window)
                : new OutboxReplay(entry.Id, Decision.Sent, "within Events:DefaultTtl", null, window);
        }

        if (await store.GetProfileAsync(entry.CustomerId, cancellationToken) is not { } profile)
            return new OutboxReplay(entry.Id, Decision.Suppressed, "the customer's profile no longer exists (erased)");

        var content = Content(entry);
        var record = await audit.FindAsync(entry.Id, cancellationToken);
        var basis = record?.LawfulBasis is { } text && WireName.TryParse<LawfulBasis>("lawfulBasis", text, out var parsed, out _) ? parsed : (LawfulBasis?)null;
        var message = new ProactiveMessage { Id = entry.Id, EventType = entry.EventType ?? "", Content = content, CreatedAt = entry.CreatedAt, LawfulBasis = basis };
        var customer = new GuardrailCustomer
        {
            TimeZone = TimeZone(profile, guardrails.Value.DefaultTimeZone),
            Consent = await ConsentAsync(profile, cancellationToken),
            Sends = await SendsAsync(entry.CustomerId, now, cancellationToken),
        };

        var decision = policy.Decide(message, customer, now);
        var verdict = decision.Decision switch
        {
            Decision.Sent => new OutboxReplay(entry.Id, Decision.Sent, decision.Reason, null, window),
            // A single message cannot join a digest any more; it waits until the digest would have gone.
            Decision.Deferred or Decision.Digested => new OutboxReplay(entry.Id, Decision.Deferred, decision.Reason, decision.DueAt, window),
            var other => new OutboxReplay(entry.Id, other, decision.Reason),
        };
        if (verdict.Requeues) Planned(entry.CustomerId).Add(new PastSend(content.Category, verdict.NotBefore ?? now));
        return verdict;
    }

    private ContentClass Content(OutboxEntry entry)
    {
        if (entry.Category is { } category)
            return new ContentClass(category == ConsentPurpose.Marketing ? ContentCategory.Marketing : ContentCategory.Transactional, entry.Urgency ?? Urgency.Normal);
        var taxonomy = services.GetService<EventTaxonomy>() ?? EventTaxonomy.Bundled;
        return entry.EventType is { } type && taxonomy.TryGet(type, out var declared) ? declared : new ContentClass(ContentCategory.Transactional, entry.Urgency ?? Urgency.Normal);
    }

    private static string TimeZone(Profiles.CustomerProfile profile, string defaultZone)
    {
        PhoneNumber? phone = null;
        if (profile.Phone is { } e164) PhoneNumber.TryParse(e164, "US", out phone, out _);
        return CustomerTimeZone.Resolve(profile.TimeZone, phone, defaultZone).Id;
    }

    /// <summary>The ledger; a profile whose consent predates the ledger answers with its latest marks.</summary>
    private async Task<IReadOnlyList<ConsentEntry>> ConsentAsync(Profiles.CustomerProfile profile, CancellationToken cancellationToken)
    {
        var ledger = await store.GetConsentsAsync(profile.Id, cancellationToken);
        if (ledger.Count > 0) return [.. ledger.Select(r => r.ToEntry())];
        return [.. new[] { profile.Consent.Marketing?.ToEntry(), profile.Consent.Transactional?.ToEntry() }.OfType<ConsentEntry>()];
    }

    private async Task<IReadOnlyList<PastSend>> SendsAsync(string customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var longest = guardrails.Value.Caps.Values.Select(c => c.Period).DefaultIfEmpty(TimeSpan.Zero).Max();
        var sent = await audit.SendsSinceAsync(customerId, now - longest, cancellationToken);
        var past = sent.Select(s => new PastSend(s.Purpose.StartsWith("marketing:", StringComparison.Ordinal) ? ContentCategory.Marketing : ContentCategory.Transactional, s.At));
        return [.. past, .. Planned(customerId)];
    }

    private List<PastSend> Planned(string customerId)
    {
        if (!_requeued.TryGetValue(customerId, out var planned)) _requeued[customerId] = planned = [];
        return planned;
    }
}
