using System.Collections.Concurrent;
using ChatRouter.Conversations;
using ChatRouter.Profiles;

namespace ChatRouter.Storage;

/// <summary>
/// Committed profiles and conversations kept in memory, so a turn reads its customer without a LiteDB query
/// (one process owns the file, and every write passes through the store, so the cache cannot go stale).
/// It hands out copies: a turn mutates what it reads, and a failed save must not leave its half-made changes
/// behind. Bounded: when full it is emptied, and the file answers until the hot entries are back.
/// </summary>
internal sealed class DocumentCache(int capacity)
{
    private readonly ConcurrentDictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CustomerProfile> _profiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _identities = new(StringComparer.Ordinal);

    public Conversation? Conversation(string id) => _conversations.TryGetValue(id, out var found) ? Copy(found) : null;

    public CustomerProfile? Profile(string id) => _profiles.TryGetValue(id, out var found) ? Copy(found) : null;

    public string? ProfileIdOf(string identity) => _identities.GetValueOrDefault(identity);

    public void Put(Conversation conversation)
    {
        Trim(_conversations);
        _conversations[conversation.Id] = Copy(conversation);
    }

    public void Put(CustomerProfile profile)
    {
        Trim(_profiles);
        _profiles[profile.Id] = Copy(profile);
        foreach (var identity in profile.Identities) _identities[identity] = profile.Id;
    }

    public void Forget(string conversationId, string? profileId)
    {
        _conversations.TryRemove(conversationId, out _);
        if (profileId is not null) _profiles.TryRemove(profileId, out _);
    }

    private void Trim<T>(ConcurrentDictionary<string, T> items)
    {
        if (items.Count < capacity) return;
        items.Clear();
        if (ReferenceEquals(items, _profiles)) _identities.Clear();
    }

    /// <summary>A deep copy (slot and attribute values are primitives or nested dictionaries and lists of them).</summary>
    public static Conversation Copy(Conversation c) => new()
    {
        Id = c.Id,
        SchemaVersion = c.SchemaVersion,
        Channel = c.Channel,
        BusinessNumber = c.BusinessNumber,
        CustomerId = c.CustomerId,
        Address = c.Address,
        FlowId = c.FlowId,
        FlowVersion = c.FlowVersion,
        State = c.State,
        Slots = CopyMap(c.Slots),
        Locale = c.Locale,
        NotUnderstood = c.NotUnderstood,
        InputAttempts = c.InputAttempts,
        Pending = c.Pending is null ? null : new PendingPrompt { Kind = c.Pending.Kind, Options = new Dictionary<string, string>(c.Pending.Options, StringComparer.Ordinal) },
        LastInboundAt = c.LastInboundAt,
        Handoff = c.Handoff?.Copy(),
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };

    /// <summary>A deep copy of a profile.</summary>
    public static CustomerProfile Copy(CustomerProfile p) => new()
    {
        Id = p.Id,
        SchemaVersion = p.SchemaVersion,
        Identities = [.. p.Identities],
        Phone = p.Phone,
        ExternalId = p.ExternalId,
        Name = p.Name,
        Locale = p.Locale,
        TimeZone = p.TimeZone,
        Consent = p.Consent.Copy(),
        Attributes = CopyMap(p.Attributes),
        Experiments = new Dictionary<string, string>(p.Experiments, StringComparer.Ordinal),
        CreatedAt = p.CreatedAt,
        UpdatedAt = p.UpdatedAt,
    };

    private static Dictionary<string, object?> CopyMap(IDictionary<string, object?> values)
    {
        var copy = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values) copy[key] = CopyValue(value);
        return copy;
    }

    private static object? CopyValue(object? value) => value switch
    {
        IDictionary<string, object?> map => CopyMap(map),
        List<object?> list => list.Select(CopyValue).ToList(),
        _ => value,
    };
}
