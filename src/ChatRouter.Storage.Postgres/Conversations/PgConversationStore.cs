using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using ChatRouter.Storage.Postgres.Audit;
using ChatRouter.Storage.Postgres.Inbox;
using ChatRouter.Storage.Postgres.Review;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Conversations;

/// <summary>
/// Profiles, conversations and their histories in PostgreSQL. A turn and its writes (outbox entries, the inbox
/// mark, an ended handoff, consents, audit) go as one batch in one transaction. Nothing is cached: another
/// server may write the same rows.
/// </summary>
internal sealed partial class PgConversationStore(PgDatabase db) : IConversationStore
{
    public Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        return db.ReadAsync(async s =>
        {
            if (identities.Count > 0)
            {
                // The first identity (in the caller's order) that names a profile wins.
                var found = await ProfileRows.ListAsync(s,
                    "p JOIN identities i ON i.profile_id = p.id WHERE i.identity = ANY($1) ORDER BY array_position($1, i.identity) LIMIT 1",
                    (object)identities.ToArray());
                if (found.Count > 0) return found[0];
            }

            return phone is null ? null : (await ProfileRows.ListAsync(s, "WHERE phone = $1 ORDER BY id LIMIT 1", phone)).FirstOrDefault();
        }, cancellationToken);
    }

    public Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        db.ReadAsync(s => ProfileRows.FindAsync(s, id), cancellationToken);

    public Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken) =>
        db.ReadAsync(s => ConversationRows.FindAsync(s, id), cancellationToken);

    public Task<IReadOnlyList<Conversation>> OpenHandoffsAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Conversation>>(async s => await ConversationRows.ListAsync(s, "WHERE handoff_status IN ('Waiting', 'Claimed') ORDER BY id"), cancellationToken);

    public Task SaveProfileAsync(CustomerProfile profile, IReadOnlyList<ConsentRecord> consents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(consents);
        return db.WriteAsync(s =>
        {
            Upsert(s, profile);
            foreach (var consent in consents) s.Add(ConsentRows.Insert(consent));
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ConsentRecord>> GetConsentsAsync(string profileId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ConsentRecord>>(async s => await ConsentRows.ListAsync(s, "WHERE profile_id = $1 ORDER BY id", profileId), cancellationToken);

    public Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        return db.WriteAsync(s => Write(s, turn), cancellationToken);
    }

    public Task<IReadOnlyList<ConversationMessage>> GetMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ConversationMessage>>(async s =>
        {
            var newest = await MessageRows.ListAsync(s, "WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2", conversationId, limit);
            newest.Reverse();
            return newest;
        }, cancellationToken);

    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken) =>
        db.WriteAsync(s =>
        {
            s.Add(ConversationRows.Delete(id));
            s.Add(PgSql.Batch("DELETE FROM messages WHERE conversation_id = $1", id));
        }, cancellationToken);

    private static void Write(PgSession s, TurnRecord turn)
    {
        if (turn.ProfileChanged) Upsert(s, turn.Profile);
        s.Add(ConversationRows.Upsert(turn.Conversation));
        foreach (var message in turn.NewMessages) s.Add(MessageRows.Insert(message));
        var writes = turn.Writes;
        // A turn is saved once (its inbox mark commits with it), so its entries cannot exist yet; the unique index still guards.
        foreach (var entry in writes.Outbox) s.Add(OutboxRows.Insert(entry));
        if (writes.InboxDone is { } done) s.Add(PgInboxStore.MarkDone(done));
        if (writes.EndedHandoff is { } ended) s.Add(HandoffRows.Upsert(ended));
        foreach (var consent in writes.Consents) s.Add(ConsentRows.Insert(consent));
        PgAuditStore.Add(s, writes.Audit);
        PgReviewStore.Add(s, writes.Review);
    }

    private static void Upsert(PgSession s, CustomerProfile profile)
    {
        s.Add(ProfileRows.Upsert(profile));
        foreach (var identity in profile.Identities)
        {
            s.Add(PgSql.Batch(
                "INSERT INTO identities (identity, profile_id) VALUES ($1, $2) ON CONFLICT (identity) DO UPDATE SET profile_id = excluded.profile_id WHERE identities.profile_id <> excluded.profile_id",
                identity, profile.Id));
        }
    }
}
