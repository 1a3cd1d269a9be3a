using System.Runtime.CompilerServices;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Profiles;
using LiteDB;

namespace ChatRouter.Storage;

/// <summary>Profile-level operations: lookups by CRM id and attributes, merging two profiles, erasing one.</summary>
internal sealed partial class LiteDbConversationStore
{
    private const int ProfilePage = 500;

    public Task<IReadOnlyList<CustomerProfile>> FindProfilesByExternalIdAsync(string externalId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CustomerProfile>>(
            [.. file.Profiles.Find(p => p.ExternalId == externalId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)]);

    public async IAsyncEnumerable<CustomerProfile> ListProfilesAsync(ProfileQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.After ?? "";
        var left = query.Limit ?? int.MaxValue;
        while (left > 0)
        {
            // A page at a time, materialised: LiteDB's cursors belong to a thread, and a consumer may resume on another.
            var page = file.Profiles.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(ProfilePage).ToList();
            foreach (var profile in page.Where(query.Matches))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return profile;
                if (--left == 0) yield break;
            }

            if (page.Count < ProfilePage) yield break;
            after = page[^1].Id;
            await Task.Yield();
        }
    }

    public async Task MergeProfilesAsync(string fromId, CustomerProfile into, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromId);
        ArgumentNullException.ThrowIfNull(into);
        if (fromId == into.Id) throw new ArgumentException($"Profile {fromId} cannot be merged into itself.", nameof(fromId));
        var touched = new List<string>();
        try
        {
            await file.Writer.WriteAsync(_ => Merge(fromId, into, touched));
        }
        finally
        {
            // Re-keyed conversations changed id: neither the old nor the new id may be answered from memory.
            foreach (var id in touched) _cache.Forget(id, null);
            _cache.Forget("", fromId);
            _cache.Forget("", into.Id);
        }
    }

    public async Task<ProfileErasure> EraseProfileAsync(string profileId, string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(profileId);
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        var touched = new List<string>();
        try
        {
            return await file.Writer.WriteAsync(_ => Erase(profileId, pseudonym, touched));
        }
        finally
        {
            foreach (var id in touched) _cache.Forget(id, null);
            _cache.Forget("", profileId);
        }
    }

    private bool Merge(string fromId, CustomerProfile into, List<string> touched)
    {
        var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var conversation in file.Conversations.Find(c => c.CustomerId == fromId).ToList())
        {
            var oldId = conversation.Id;
            var newId = Conversation.MakeId(conversation.Channel, conversation.BusinessNumber, into.Id);
            renamed[oldId] = newId;
            touched.AddRange([oldId, newId]);
            file.Conversations.Delete(oldId);
            if (file.Conversations.FindById(newId) is null)
            {
                conversation.Id = newId;
                conversation.CustomerId = into.Id;
                file.Conversations.Insert(conversation);
            }

            Update(file.Messages, m => m.ConversationId == oldId, m => m.ConversationId = newId);
            Update(file.Outbox, e => e.ConversationId == oldId, e => (e.ConversationId, e.CustomerId) = (newId, into.Id));
            Update(file.Handoffs, r => r.ConversationId == oldId, r => r.ConversationId = newId);
            Update(file.Downgrades, r => r.ConversationId == oldId, r => (r.ConversationId, r.CustomerId) = (newId, into.Id));
        }

        Update(file.Audit, r => r.CustomerId == fromId, r =>
        {
            r.CustomerId = into.Id;
            if (r.ConversationId is { } id && renamed.TryGetValue(id, out var moved)) r.ConversationId = moved;
        });
        Update(file.Scheduled, s => s.CustomerId == fromId, s => s.CustomerId = into.Id);
        Update(file.Consents, r => r.ProfileId == fromId, r => r.ProfileId = into.Id);
        file.Profiles.Delete(fromId);
        Upsert(into);
        return true;
    }

    private ProfileErasure Erase(string profileId, string pseudonym, List<string> touched)
    {
        var conversations = file.Conversations.Find(c => c.CustomerId == profileId).Select(c => c.Id).ToList();
        touched.AddRange(conversations);
        int messages = 0, outbox = 0;
        foreach (var id in conversations)
        {
            messages += file.Messages.DeleteMany(m => m.ConversationId == id);
            file.Downgrades.DeleteMany(r => r.ConversationId == id);
            foreach (var entry in file.Outbox.Find(e => e.ConversationId == id).ToList())
            {
                outbox++;
                // What could still go out (pending, or failed and open to a replay) goes; what went keeps its delivery facts.
                if (entry.State is OutboxState.Sent or OutboxState.Delivered or OutboxState.Read)
                {
                    (entry.Text, entry.Message, entry.To) = ("", "", pseudonym);
                    file.Outbox.Update(entry);
                }
                else
                {
                    file.Outbox.Delete(entry.Id);
                }
            }

            file.Conversations.Delete(id);
        }

        var consents = Update(file.Consents, r => r.ProfileId == profileId, r => r.Evidence = null);
        if (file.Profiles.FindById(profileId) is { } profile)
        {
            foreach (var identity in profile.Identities)
            {
                if (file.Identities.FindById(identity) is { } link && link["profile"].AsString == profileId) file.Identities.Delete(identity);
            }

            file.Profiles.Delete(profileId);
        }

        return new ProfileErasure(conversations.Count, messages, outbox, consents);
    }

    /// <summary>Applies <paramref name="change"/> to every document matching <paramref name="where"/>; returns how many.</summary>
    private static int Update<T>(ILiteCollection<T> collection, System.Linq.Expressions.Expression<Func<T, bool>> where, Action<T> change)
    {
        var found = collection.Find(where).ToList();
        foreach (var item in found) change(item);
        return found.Count == 0 ? 0 : collection.Update(found);
    }
}
