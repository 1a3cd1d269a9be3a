using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Storage.Audit;
using ChatRouter.Storage.Inbox;
using ChatRouter.Storage.Review;
using ChatRouter.Profiles;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>
/// Profiles, conversations and their histories in a <see cref="LiteDbFile"/>. A turn is written in one
/// transaction together with its writes (outbox entries, the inbox mark, an ended handoff). LiteDB's engine is
/// thread-safe; its transactions belong to the calling thread, so each write runs on the file's writer thread.
/// </summary>
internal sealed partial class LiteDbConversationStore(LiteDbFile file) : IConversationStore
{
    private readonly DocumentCache _cache = new(capacity: 50_000);

    public Task<CustomerProfile?> FindProfileAsync(IReadOnlyCollection<string> identities, string? phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identities);
        foreach (var identity in identities)
        {
            if (_cache.ProfileIdOf(identity) is { } known && _cache.Profile(known) is { } cached) return Task.FromResult<CustomerProfile?>(cached);
            if (file.Identities.FindById(identity) is { } link && file.Profiles.FindById(link["profile"]) is { } found)
            {
                _cache.Put(found);
                return Task.FromResult<CustomerProfile?>(found);
            }
        }

        return Task.FromResult(phone is null ? null : file.Profiles.FindOne(p => p.Phone == phone));
    }

    public Task<CustomerProfile?> GetProfileAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerProfile?>(_cache.Profile(id) ?? file.Profiles.FindById(id));

    public Task<Conversation?> GetConversationAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.Conversation(id) is { } cached) return Task.FromResult<Conversation?>(cached);
        var found = file.Conversations.FindById(id);
        if (found is not null) _cache.Put(found);
        return Task.FromResult<Conversation?>(found);
    }

    public Task<IReadOnlyList<Conversation>> OpenHandoffsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Conversation>>(
        [
            .. file.Conversations.Find(Query.EQ("$.Handoff.Status", nameof(HandoffStatus.Waiting))),
            .. file.Conversations.Find(Query.EQ("$.Handoff.Status", nameof(HandoffStatus.Claimed))),
        ]);

    public async Task SaveProfileAsync(CustomerProfile profile, IReadOnlyList<ConsentRecord> consents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(consents);
        try
        {
            await file.Writer.WriteAsync(_ =>
            {
                Upsert(profile);
                if (consents.Count > 0) file.Consents.Insert(consents);
            });
            _cache.Put(profile);
        }
        catch
        {
            _cache.Forget("", profile.Id);
            throw;
        }
    }

    public async Task SaveTurnAsync(TurnRecord turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            await file.Writer.WriteAsync(_ => Write(turn));
        }
        catch
        {
            // The caller's objects hold changes that were not saved; the next read must come from the file.
            _cache.Forget(turn.Conversation.Id, turn.Profile.Id);
            throw;
        }

        _cache.Put(turn.Conversation);
        if (turn.ProfileChanged) _cache.Put(turn.Profile);
    }

    public Task<IReadOnlyList<ConsentRecord>> GetConsentsAsync(string profileId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ConsentRecord>>(file.Consents.Find(r => r.ProfileId == profileId).OrderBy(r => r.Id, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<ConversationMessage>> GetMessagesAsync(string conversationId, int limit, CancellationToken cancellationToken)
    {
        var newest = file.Messages.Query()
            .Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id)
            .Limit(limit)
            .ToList();
        newest.Reverse();
        return Task.FromResult<IReadOnlyList<ConversationMessage>>(newest);
    }

    public Task DeleteConversationAsync(string id, CancellationToken cancellationToken)
    {
        _cache.Forget(id, null);
        return file.Writer.WriteAsync(_ =>
        {
            file.Conversations.Delete(id);
            file.Messages.DeleteMany(m => m.ConversationId == id);
        });
    }

    private void Write(TurnRecord turn)
    {
        if (turn.ProfileChanged) Upsert(turn.Profile);
        file.Conversations.Upsert(turn.Conversation);
        if (turn.NewMessages.Count > 0) file.Messages.Insert(turn.NewMessages);
        var writes = turn.Writes;
        // A turn is saved once (its inbox mark commits with it), so its entries cannot exist yet; the unique index still guards.
        if (writes.Outbox.Count > 0) file.Outbox.Insert(writes.Outbox);
        if (writes.InboxDone is { } done) LiteDbInboxStore.MarkDone(file, done);
        if (writes.EndedHandoff is { } ended) file.Handoffs.Upsert(ended);
        if (writes.Consents.Count > 0) file.Consents.Insert(writes.Consents);
        if (writes.Audit.Count > 0) LiteDbAuditStore.Add(file, writes.Audit);
        if (writes.Review.Count > 0) LiteDbReviewStore.Add(file, writes.Review);
    }

    private void Upsert(CustomerProfile profile)
    {
        file.Profiles.Upsert(profile);
        foreach (var identity in profile.Identities)
        {
            if (file.Identities.FindById(identity) is { } link && link["profile"].AsString == profile.Id) continue;
            file.Identities.Upsert(new BsonDocument { ["_id"] = identity, ["profile"] = profile.Id });
        }
    }
}
