using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Inbox;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using ChatRouter.Review;
using ChatRouter.Scheduling;
using ChatRouter.WhatsAppTemplates;
using NpgsqlTypes;

namespace ChatRouter.Storage.Postgres;

/// <summary>The document tables of <c>Migrations/0001_initial.sql</c> and the key columns each store reads.</summary>
internal static class PgTables
{
    private const NpgsqlDbType Text = NpgsqlDbType.Text;
    private const NpgsqlDbType Time = NpgsqlDbType.TimestampTz;

    public static readonly PgTable<CustomerProfile> ProfileRows = new("profiles", p => p.Id,
        new("phone", Text, p => p.Phone), new("external_id", Text, p => p.ExternalId), new("created_at", Time, p => PgDocuments.Instant(p.CreatedAt)));

    public static readonly PgTable<Conversation> ConversationRows = new("conversations", c => c.Id,
        new("customer_id", Text, c => c.CustomerId), new("handoff_status", Text, c => c.Handoff?.Status.ToString()));

    public static readonly PgTable<ConversationMessage> MessageRows = new("messages", m => m.Id,
        new("conversation_id", Text, m => m.ConversationId), new("at", Time, m => PgDocuments.Instant(m.At)));

    public static readonly PgTable<InboxEntry> InboxRows = new("inbox", e => e.Id,
        new("ord", Text, e => e.Order), new("state", Text, e => e.State.ToString()), new("received_at", Time, e => PgDocuments.Instant(e.ReceivedAt)));

    public static readonly PgTable<OutboxEntry> OutboxRows = new("outbox", e => e.Id,
        new("idempotency_key", Text, e => e.IdempotencyKey), new("provider_message_id", Text, e => e.ProviderMessageId),
        new("conversation_id", Text, e => e.ConversationId), new("state", Text, e => e.State.ToString()),
        new("created_at", Time, e => PgDocuments.Instant(e.CreatedAt)), new("failed_at", Time, e => PgDocuments.Instant(e.FailedAt)));

    public static readonly PgTable<HandoffRecord> HandoffRows = new("handoff_history", r => r.Id,
        new("conversation_id", Text, r => r.ConversationId), new("released_at", Time, r => PgDocuments.Instant(r.ReleasedAt)));

    public static readonly PgTable<DowngradeRecord> DowngradeRows = new("downgrades", r => r.Id,
        new("conversation_id", Text, r => r.ConversationId), new("outbox_id", Text, r => r.OutboxId),
        new("reason", Text, r => r.Reason), new("state", Text, r => r.State.ToString()));

    public static readonly PgTable<WhatsAppTemplateRecord> TemplateRows = new("whatsapp_templates", r => r.Id);

    public static readonly PgTable<ConsentRecord> ConsentRows = new("consent_ledger", r => r.Id, new PgColumn<ConsentRecord>("profile_id", Text, r => r.ProfileId));

    public static readonly PgTable<AuditRecord> AuditRows = new("audit", r => r.Id,
        new("customer_id", Text, r => r.CustomerId), new("at", Time, r => PgDocuments.Instant(r.At)),
        new("decision", Text, r => r.Decision), new("campaign_id", Text, r => r.CampaignId), new("experiment", Text, r => r.Experiment));

    public static readonly PgTable<ScheduledSend> ScheduledRows = new("scheduled", s => s.Id,
        new("customer_id", Text, s => s.CustomerId), new("due_at", Time, s => PgDocuments.Instant(s.DueAt)));

    public static readonly PgTable<Campaign> CampaignRows = new("campaigns", c => c.Id,
        new("idempotency_key", Text, c => c.IdempotencyKey), new("state", Text, c => c.State.ToString()));

    public static readonly PgTable<ReviewItem> ReviewRows = new("review", i => i.Id,
        new("at", Time, i => PgDocuments.Instant(i.At)), new("customer_id", Text, i => i.CustomerId),
        new("locale", Text, i => i.Locale.ToLowerInvariant()), new("status", Text, i => i.Status.ToString()));

    public static readonly PgTable<ReviewChange> ReviewChangeRows = new("review_changes", c => c.Id, new PgColumn<ReviewChange>("item_id", Text, c => c.ItemId));
}
