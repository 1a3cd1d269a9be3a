using ChatRouter.Conversations;
using ChatRouter.Wire;
using ChatRouter.Profiles;
using ChatRouter.Outbox;

namespace ChatRouter.Server.Agents;

/// <summary>The JSON shapes of the agent API (docs/contracts.md names the required fields; more are welcome).</summary>
internal static class AgentViews
{
    public sealed record CustomerView(string Id, string? Phone, string? Name);

    public sealed record HandoffListItem(
        string ConversationId, CustomerView Customer, string Queue, string Reason, string? Locale, long WaitingSeconds,
        string? LastMessage, string? ClaimedBy, string Status, DateTimeOffset RequestedAt, DateTimeOffset? ClaimedAt,
        long SlaSeconds, long OverSlaSeconds);

    public sealed record HandoffView(string Id, string Status, string Queue, string Reason, DateTimeOffset RequestedAt, string? ClaimedBy, DateTimeOffset? ClaimedAt, DateTimeOffset? FirstResponseAt);

    public sealed record WindowView(bool Open, DateTimeOffset? ExpiresAt);

    public sealed record ConsentView(string Status, ConsentMarkView? Marketing, ConsentMarkView? Transactional);

    public sealed record ConsentMarkView(string Status, string LawfulBasis, string Source, DateTimeOffset At);

    public sealed record ProfileView(string Id, string? Phone, string? Name, string? Locale, string? TimeZone, IReadOnlyList<string> Identities);

    public sealed record MessageView(string Id, DateTimeOffset At, string Author, string Text, string? Intent, double? Confidence, string? Agent, string? Status, string Kind);

    public sealed record ConversationView(
        string ConversationId, ProfileView Customer, string? Locale, string? Flow, string? State, IReadOnlyDictionary<string, object?> Slots,
        IReadOnlyDictionary<string, object?> Attributes, ConsentView Consent, WindowView Window, HandoffView? Handoff, IReadOnlyList<MessageView> Messages);

    public static string Name(HandoffStatus status) => status.ToString().ToLowerInvariant();

    public static HandoffView? Of(Handoff? handoff) => handoff is null ? null
        : new HandoffView(handoff.Id, Name(handoff.Status), handoff.Queue, handoff.Reason, handoff.RequestedAt, handoff.ClaimedBy, handoff.ClaimedAt, handoff.FirstResponseAt);

    public static ConversationView Of(Conversation conversation, CustomerProfile profile, IReadOnlyList<ConversationMessage> messages, IReadOnlyDictionary<string, OutboxEntry> outbox, DateTimeOffset now) => new(
        conversation.Id,
        new ProfileView(profile.Id, profile.Phone, profile.Name, profile.Locale, profile.TimeZone, profile.Identities),
        conversation.Locale,
        conversation.FlowId,
        conversation.State,
        conversation.Slots,
        profile.Attributes,
        new ConsentView(profile.Consent.Summary(), Mark(profile.Consent.Marketing), Mark(profile.Consent.Transactional)),
        new WindowView(conversation.IsWindowOpen(now), conversation.WindowExpiresAt),
        Of(conversation.Handoff),
        messages.Select(m => new MessageView(
            m.Id, m.At, m.Author.ToString().ToLowerInvariant(), m.Text, m.Intent, m.Confidence, m.AgentName,
            m.Author is MessageAuthor.Bot or MessageAuthor.Agent ? Status(outbox.GetValueOrDefault(m.Id)) : null, m.Kind)).ToList());

    public static ConsentMarkView? Mark(ConsentMark? mark) => mark is null ? null
        : new ConsentMarkView(WireName.Of(mark.Status), WireName.Of(mark.LawfulBasis), WireName.Of(mark.Source), mark.At);

    private static string? Status(OutboxEntry? entry) => entry is null ? null
        : entry.State == OutboxState.Pending ? "queued"
        : entry.State.ToString().ToLowerInvariant();
}
