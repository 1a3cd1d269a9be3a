using ChatRouter.Audit;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Guardrails;
using ChatRouter.Identity;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Scheduling;
using ChatRouter.Wire;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Proactive;

/// <summary>
/// The one place business-initiated messages are decided: every business event goes through here before its turn
/// runs, so one that is deferred, digested, capped, suppressed or expired never moves the conversation. It gathers
/// what the pure <see cref="GuardrailPolicy"/> needs (the event type's class from the flows, the customer's consent,
/// time zone, recent sends and waiting digest items) and records what the policy decides.
/// </summary>
internal sealed partial class ProactiveGate(
    FlowSource flows,
    IConversationStore store,
    IAuditStore audit,
    IScheduleStore schedule,
    IOptions<GuardrailOptions> guardrails,
    IOptions<EventOptions> events,
    ConversationEngine engine,
    ScheduleSignal signal,
    TimeProvider time,
    ILogger<ProactiveGate> logger)
{
    private readonly GuardrailOptions _guardrails = guardrails.Value;
    // Replaced whole when the flows change; a reference, so readers on other threads see all of it or none.
    private PolicySet? _policy;

    /// <summary>
    /// Decides <paramref name="businessEvent"/> now. <paramref name="entryId"/> names the message when the event has no
    /// idempotency key; <paramref name="acceptedAt"/> is when it was accepted, unless the event says.
    /// </summary>
    public async Task<ProactiveCase> DecideAsync(BusinessEvent businessEvent, string entryId, DateTimeOffset acceptedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessEvent);
        var stamped = businessEvent.AcceptedAt is null ? businessEvent with { AcceptedAt = acceptedAt } : businessEvent;
        var accepted = stamped.AcceptedAt!.Value;
        var messageId = ProactiveIds.Message(stamped, entryId);
        var (catalog, policy, ttls) = Policy();
        var profile = await store.FindProfileAsync([$"{stamped.Channel}:{Address(stamped)}"], stamped.Phone, cancellationToken);
        var flow = catalog.StartingFlow(stamped.Type) is { } starter ? new AuditFlow { Id = starter.Id, Version = starter.Version } : null;
        var known = new ProactiveCase
        {
            Event = stamped,
            MessageId = messageId,
            RecordId = ProactiveIds.Record(accepted, messageId),
            Profile = profile,
            Flow = flow,
            ExpiresAt = accepted + ttls.TtlFor(stamped.Type),
            Decision = new GuardrailDecision(Decision.Failed, $"event type '{stamped.Type}' is unknown: no loaded flow starts on it and it is not bundled"),
        };
        if (!catalog.Taxonomy.TryGet(stamped.Type, out var content)) return known;

        var message = new ProactiveMessage
        {
            Id = messageId,
            EventType = stamped.Type,
            Content = content,
            CreatedAt = accepted,
            SendAt = SendAtOf(stamped),
            LawfulBasis = WireName.TryParse<Consents.LawfulBasis>("lawfulBasis", stamped.LawfulBasis, out var basis, out _) ? basis : null,
        };
        var customer = await CustomerAsync(profile, stamped, catalog, cancellationToken);
        return known with { Content = content, Decision = policy.Decide(message, customer, time.GetUtcNow()) };
    }

    /// <summary>What the guardrails know of a customer: zone, consent, business-initiated sends within the longest cap, waiting digest items.</summary>
    public async Task<GuardrailCustomer> CustomerAsync(CustomerProfile? profile, BusinessEvent businessEvent, FlowCatalog catalog, CancellationToken cancellationToken)
    {
        var zone = CustomerTimeZone.Resolve(profile?.TimeZone, PhoneOf(profile, businessEvent), _guardrails.DefaultTimeZone);
        if (profile is null) return new GuardrailCustomer { TimeZone = zone.Id };

        var since = time.GetUtcNow() - _guardrails.LongestCapPeriod;
        var sends = await audit.SendsSinceAsync(profile.Id, since, cancellationToken);
        var waiting = await schedule.ForCustomerAsync(profile.Id, cancellationToken);
        return new GuardrailCustomer
        {
            TimeZone = zone.Id,
            Consent = [.. new[] { profile.Consent.Marketing, profile.Consent.Transactional }.OfType<ConsentMark>().Select(m => m.ToEntry())],
            Sends = [.. sends.Select(s => (Ok: WireName.TryParse<ContentCategory>("purpose", s.Purpose.Split(':')[0], out var c, out _), Category: c, s.At)).Where(s => s.Ok).Select(s => new PastSend(s.Category, s.At))],
            PendingLow = [.. waiting.Where(s => s.Kind == ScheduledKinds.Digest).Select(s => PendingMessage(s, catalog)).OfType<ProactiveMessage>()],
        };
    }

    /// <summary>The policy over the configured guardrails and TTLs, with the flows' TTLs under configuration's; rebuilt when the flows change.</summary>
    public PolicySet Policy()
    {
        var catalog = flows.Current;
        if (Volatile.Read(ref _policy) is { } cached && ReferenceEquals(cached.Catalog, catalog)) return cached;
        var configured = events.Value;
        var merged = new EventOptions { DefaultTtl = configured.DefaultTtl };
        foreach (var (type, ttl) in catalog.EventTtls) merged.Ttl[type] = ttl;
        foreach (var (type, ttl) in configured.Ttl) merged.Ttl[type] = ttl;
        var built = new PolicySet(catalog, new GuardrailPolicy(_guardrails, merged), merged);
        Volatile.Write(ref _policy, built);
        return built;
    }

    /// <summary>The guardrails over one flow catalog: its taxonomy and TTLs.</summary>
    public sealed record PolicySet(FlowCatalog Catalog, GuardrailPolicy Policy, EventOptions Events);

    /// <summary>A waiting digest item as the policy sees it; null when its type is no longer known (it is then expired by TTL at the latest).</summary>
    public static ProactiveMessage? PendingMessage(ScheduledSend send, FlowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(send);
        var stored = ProactiveJson.Read(send.Event);
        if (!catalog.Taxonomy.TryGet(send.EventType, out var content)) return null;
        return new ProactiveMessage
        {
            Id = ProactiveIds.Message(stored, send.Id),
            EventType = send.EventType,
            Content = content,
            CreatedAt = send.CreatedAt,
            SendAt = SendAtOf(stored),
            LawfulBasis = WireName.TryParse<Consents.LawfulBasis>("lawfulBasis", stored.LawfulBasis, out var basis, out _) ? basis : null,
        };
    }

    private static SendAt? SendAtOf(BusinessEvent businessEvent) =>
        businessEvent.SendAtLocalTime is { } local && SendAt.TryParse(local, null, out var parsed, out _) ? parsed
        : businessEvent.SendAtInstant is { } at ? SendAt.Instant(at)
        : null;

    private static PhoneNumber? PhoneOf(CustomerProfile? profile, BusinessEvent businessEvent)
    {
        if ((profile?.Phone ?? businessEvent.Phone) is { } phone && PhoneNumber.TryParse(phone, "US", out var parsed, out _)) return parsed;
        return businessEvent.CustomerId is { } id && PhoneNumber.TryFromChannelId(id, out var fromId, out _) ? fromId : null;
    }

    private static string Address(BusinessEvent businessEvent) => businessEvent.CustomerId ?? businessEvent.Phone?.TrimStart('+') ?? "";
}
