using ChatRouter.Audit;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Reports;
using ChatRouter.Testing;

namespace ChatRouter.Core.Tests.Reports;

/// <summary>Builders of the stored facts reports read, on the day of <see cref="Some.Instant"/>.</summary>
internal static class Facts
{
    public const string Conversation = "whatsapp:106540352242922:p1";

    public static DateOnly Day { get; } = DateOnly.FromDateTime(Some.Instant.UtcDateTime);

    public static ReportGoal CartGoal { get; } = new("cart.abandoned", "order.placed", TimeSpan.FromDays(3));

    private static readonly Lazy<FlowCatalog> Bundled = new(() => FlowCatalog.Load(RepoPaths.Flows, ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(RepoPaths.Flows)));

    public static RollupBuilder Builder() => new(Bundled.Value, [CartGoal]);

    /// <summary>A message the provider accepted, with <paramref name="status"/> as its latest status.</summary>
    public static AuditRecord Sent(string id, DateTimeOffset at, string status = "sent", string kind = AuditKinds.Reply, string? eventType = null, string conversation = Conversation) => new()
    {
        Id = id,
        At = at,
        CustomerId = BusinessEventHistory.CustomerOf(conversation),
        ConversationId = conversation,
        Channel = "whatsapp",
        Kind = kind,
        Purpose = eventType is null ? "conversation:order-status" : "marketing:" + eventType,
        EventType = eventType,
        Flow = new AuditFlow { Id = "order-status", Version = 1 },
        Template = eventType is null ? null : new AuditTemplate { Name = "cart_reminder", Locale = "en", Version = "2" },
        Locale = "en",
        Decision = "sent",
        ProviderMessageId = "wamid." + id,
        Status = status,
        StatusAt = at,
    };

    public static ConversationMessage Customer(DateTimeOffset at, string? intent = null, string conversation = Conversation) =>
        new() { Id = SortableId.Next(at), ConversationId = conversation, At = at, Author = MessageAuthor.Customer, Text = "text", Intent = intent, Confidence = intent is null ? null : 0.9 };

    public static ConversationMessage Bot(DateTimeOffset at, string flow, string state, string? replyKey = null) =>
        new() { Id = SortableId.Next(at), ConversationId = Conversation, At = at, Author = MessageAuthor.Bot, Text = "reply", Flow = flow, State = state, ReplyKey = replyKey ?? state };

    public static ConversationMessage Event(DateTimeOffset at, string type, string conversation = Conversation) =>
        new() { Id = SortableId.Next(at), ConversationId = conversation, At = at, Author = MessageAuthor.System, Kind = "event", Text = "event " + type };

    public static ConsentRecord Withdrawal(string id, DateTimeOffset at, ConsentPurpose purpose = ConsentPurpose.Marketing) =>
        ConsentRecord.From(id, "p1", new ConsentEntry(purpose, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Keyword, "wamid.stop", "customer", at));

    public static RollupFacts On(DateOnly day) => new(day, day);

    /// <summary>The rollup of the whole day (dimension day).</summary>
    public static DailyRollup DayTotal(this IReadOnlyList<DailyRollup> rollups) => rollups.Single(r => r.Dimension == ReportDimensions.Day);
}
