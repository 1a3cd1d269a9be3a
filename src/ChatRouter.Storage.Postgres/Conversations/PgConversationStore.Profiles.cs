using System.Runtime.CompilerServices;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Conversations;

/// <summary>Profile-level operations: lookups by CRM id and attributes, merging two profiles, erasing one; and retention and settings.</summary>
internal sealed partial class PgConversationStore
{
    private const int ProfilePage = 500;

    public Task<IReadOnlyList<CustomerProfile>> FindProfilesByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<CustomerProfile>>(async s => await ProfileRows.ListAsync(s, "WHERE external_id = $1 ORDER BY created_at, id", externalId), cancellationToken);

    public async IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.After ?? "";
        var left = query.Limit ?? int.MaxValue;
        while (left > 0)
        {
            var page = await db.ReadAsync(s => ProfileRows.ListAsync(s, "WHERE id > $1 ORDER BY id LIMIT $2", after, ProfilePage), cancellationToken);
            foreach (var profile in page.Where(query.Matches))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return profile;
                if (--left == 0) yield break;
            }

            if (page.Count < ProfilePage) yield break;
            after = page[^1].Id;
        }
    }

    public Task MergeProfilesAsync(string fromId, CustomerProfile into, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromId);
        ArgumentNullException.ThrowIfNull(into);
        if (fromId == into.Id) throw new ArgumentException($"Profile {fromId} cannot be merged into itself.", nameof(fromId));
        return db.WriteAsync(s => MergeAsync(s, fromId, into), cancellationToken);
    }

    public Task<ProfileErasure> EraseProfileAsync(string profileId, string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileId);
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        return db.WriteAsync(s => EraseAsync(s, profileId, pseudonym), cancellationToken);
    }

    public Task<int> PurgeMessagesAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) => dryRun
        ? db.ReadAsync(async s => (int)await s.ScalarAsync<long>("SELECT count(*) FROM messages WHERE at < $1", before), cancellationToken)
        : db.WriteAsync(s => s.ExecuteAsync("DELETE FROM messages WHERE at < $1", before), cancellationToken);

    public Task<string> GetOrAddSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        // Of two first callers (on any server) one inserts; both read the stored value.
        return db.WriteAsync(async s =>
        {
            await s.ExecuteAsync("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING", key, value);
            return (await s.ScalarAsync<string>("SELECT value FROM settings WHERE key = $1", key))!;
        }, cancellationToken);
    }

    private static async Task<bool> MergeAsync(PgSession s, string fromId, CustomerProfile into)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var conversation in await ConversationRows.ListAsync(s, "WHERE customer_id = $1 ORDER BY id FOR UPDATE", fromId))
        {
            var oldId = conversation.Id;
            var newId = Conversation.MakeId(conversation.Channel, conversation.BusinessNumber, into.Id);
            renamed[oldId] = newId;
            s.Add(ConversationRows.Delete(oldId));
            if (await ConversationRows.FindAsync(s, newId) is null)
            {
                conversation.Id = newId;
                conversation.CustomerId = into.Id;
                s.Add(ConversationRows.Insert(conversation));
            }

            await UpdateAsync(s, MessageRows, "WHERE conversation_id = $1", oldId, m => m.ConversationId = newId);
            await UpdateAsync(s, OutboxRows, "WHERE conversation_id = $1", oldId, e => (e.ConversationId, e.CustomerId) = (newId, into.Id));
            await UpdateAsync(s, HandoffRows, "WHERE conversation_id = $1", oldId, r => r.ConversationId = newId);
            await UpdateAsync(s, DowngradeRows, "WHERE conversation_id = $1", oldId, r => (r.ConversationId, r.CustomerId) = (newId, into.Id));
        }

        await UpdateAsync(s, AuditRows, "WHERE customer_id = $1", fromId, r =>
        {
            r.CustomerId = into.Id;
            if (r.ConversationId is { } id && renamed.TryGetValue(id, out var moved)) r.ConversationId = moved;
        });
        await UpdateAsync(s, ScheduledRows, "WHERE customer_id = $1", fromId, x => x.CustomerId = into.Id);
        await UpdateAsync(s, ConsentRows, "WHERE profile_id = $1", fromId, r => r.ProfileId = into.Id);
        s.Add(ProfileRows.Delete(fromId));
        Upsert(s, into);
        return true;
    }

    private static async Task<ProfileErasure> EraseAsync(PgSession s, string profileId, string pseudonym)
    {
        var conversations = (await ConversationRows.ListAsync(s, "WHERE customer_id = $1 ORDER BY id FOR UPDATE", profileId)).Select(c => c.Id).ToList();
        int messages = 0, outbox = 0;
        foreach (var id in conversations)
        {
            messages += await s.ExecuteAsync("DELETE FROM messages WHERE conversation_id = $1", id);
            s.Add(PgSql.Batch("DELETE FROM downgrades WHERE conversation_id = $1", id));
            foreach (var entry in await OutboxRows.ListAsync(s, "WHERE conversation_id = $1 FOR UPDATE", id))
            {
                outbox++;
                // What could still go out (pending, or failed and open to a replay) goes; what went keeps its delivery facts.
                if (entry.State is OutboxState.Sent or OutboxState.Delivered or OutboxState.Read)
                {
                    (entry.Text, entry.Message, entry.To) = ("", "", pseudonym);
                    s.Add(OutboxRows.Upsert(entry));
                }
                else
                {
                    s.Add(OutboxRows.Delete(entry.Id));
                }
            }

            s.Add(ConversationRows.Delete(id));
        }

        var consents = await UpdateAsync(s, ConsentRows, "WHERE profile_id = $1", profileId, r => r.Evidence = null);
        s.Add(PgSql.Batch("DELETE FROM identities WHERE profile_id = $1", profileId));
        s.Add(ProfileRows.Delete(profileId));
        return new ProfileErasure(conversations.Count, messages, outbox, consents);
    }

    /// <summary>Applies <paramref name="change"/> to every document matching <paramref name="condition"/>; returns how many.</summary>
    private static async Task<int> UpdateAsync<T>(PgSession s, PgTable<T> table, string condition, string arg, Action<T> change)
        where T : class
    {
        var found = await table.ListAsync(s, condition + " FOR UPDATE", arg);
        foreach (var item in found)
        {
            change(item);
            s.Add(table.Upsert(item));
        }

        return found.Count;
    }
}
