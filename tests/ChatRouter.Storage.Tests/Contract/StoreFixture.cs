using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Review;
using ChatRouter.Scheduling;
using ChatRouter.Testing;
using ChatRouter.WhatsAppTemplates;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The stores of one storage provider, as the server resolves them.</summary>
public sealed class Stores(ServiceProvider services) : IDisposable
{
    public IConversationStore Conversations => services.GetRequiredService<IConversationStore>();

    public IInboxStore Inbox => services.GetRequiredService<IInboxStore>();

    public IOutboxStore Outbox => services.GetRequiredService<IOutboxStore>();

    public IDowngradeStore Downgrades => services.GetRequiredService<IDowngradeStore>();

    public IHandoffHistory Handoffs => services.GetRequiredService<IHandoffHistory>();

    public IWhatsAppTemplateStore Templates => services.GetRequiredService<IWhatsAppTemplateStore>();

    public IAuditStore Audit => services.GetRequiredService<IAuditStore>();

    public IScheduleStore Schedule => services.GetRequiredService<IScheduleStore>();

    public ICampaignStore Campaigns => services.GetRequiredService<ICampaignStore>();

    public IReviewStore Review => services.GetRequiredService<IReviewStore>();

    public void Dispose() => services.Dispose();
}

/// <summary>Documents as the engine and server write them.</summary>
internal static class Records
{
    public const string Business = "106540352242922";

    public static string ConversationId => Conversation.MakeId("whatsapp", Business, "p1");

    public static TurnRecord Turn(string text, string? profileName = null)
    {
        var profile = new CustomerProfile
        {
            Id = "p1",
            Identities = ["whatsapp:16505551234", "whatsapp:US.13491208655302741918"],
            Phone = "+16505551234",
            Name = profileName ?? "Zoë",
            Locale = "ar",
            CreatedAt = Some.Instant,
        };
        profile.Consent.Apply(new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Flow, "flow:activation", "customer", Some.Instant));
        profile.Attributes["tier"] = "gold";
        var conversation = new Conversation
        {
            Id = ConversationId,
            Channel = "whatsapp",
            BusinessNumber = Business,
            CustomerId = "p1",
            FlowId = "nps",
            FlowVersion = 3,
            State = "ask_score",
            LastInboundAt = Some.Instant,
            Slots =
            {
                ["score"] = 9L,
                ["ratio"] = 0.5,
                ["name"] = "نور",
                ["ok"] = true,
                ["when"] = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Utc),
                ["order"] = new Dictionary<string, object?> { ["id"] = "A1001", ["total"] = 59.9m },
                ["tags"] = new List<object?> { "a", 2L },
            },
        };
        var message = Message(conversation.Id, text, MessageAuthor.Customer);
        return new TurnRecord(profile, conversation, [message]);
    }

    public static ConversationMessage Message(string conversationId, string text, MessageAuthor author) =>
        new() { Id = SortableId.Next(Some.Instant), ConversationId = conversationId, At = Some.Instant, Author = author, Text = text };

    public static InboxEntry InboxEntry(string id, DateTimeOffset? at = null) => new()
    {
        Id = id,
        Order = SortableId.Next(at ?? Some.Instant),
        OrderingKey = "whatsapp:16505551234",
        Kind = "message",
        Payload = "{\"kind\":\"message\"}",
        State = InboxState.Pending,
        ReceivedAt = at ?? Some.Instant,
    };

    public static OutboxEntry OutboxEntry(string key, OutboxOrigin origin = OutboxOrigin.Reply, DateTimeOffset? at = null) => new()
    {
        Id = SortableId.Next(at ?? Some.Instant),
        IdempotencyKey = key,
        ConversationId = ConversationId,
        CustomerId = "p1",
        Channel = "whatsapp",
        BusinessNumber = Business,
        To = "16505551234",
        Origin = origin,
        Message = "{\"text\":\"hi\",\"locale\":\"en\"}",
        Text = "hi",
        Locale = "en",
        State = OutboxState.Pending,
        NextAttemptAt = at ?? Some.Instant,
        CreatedAt = at ?? Some.Instant,
    };
}
