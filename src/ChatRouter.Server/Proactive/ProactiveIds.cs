using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ChatRouter.Inbox;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Proactive;

/// <summary>
/// Ids derived, not drawn, so that deciding a message again (an inbox replay after a crash, a deferred send coming
/// back) finds what the first decision stored instead of storing it twice. They sort like <c>SortableId</c>s: 16 hex
/// digits of the instant they stand for (milliseconds × 4096, the low 12 bits holding the fraction of the millisecond,
/// so that two events a customer was sent within one millisecond still go in acceptance order), then 8 of a hash
/// of what they name.
/// </summary>
internal static class ProactiveIds
{
    /// <summary>
    /// The message's own id, the same every time it is decided: its event's idempotency key (which a deferred send
    /// carries back), else the inbox entry's id. It also seeds the quiet-hours jitter.
    /// </summary>
    public static string Message(BusinessEvent businessEvent, string entryId) =>
        businessEvent.IdempotencyKey is { Length: > 0 } key ? "event:" + key : entryId;

    /// <summary>The message's audit record, and the id of the outbox entry that sends it: one record per message.</summary>
    public static string Record(DateTimeOffset acceptedAt, string messageId) => Derived(acceptedAt, "record|" + messageId);

    /// <summary>The scheduled send one inbox entry's decision stores.</summary>
    public static string Send(InboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Derived(entry.ReceivedAt, "send|" + entry.Id);
    }

    /// <summary>
    /// A scheduled send moved to <paramref name="due"/>: it keeps the original's time prefix (and so its place in
    /// order) and is deterministic, so a retried move finds the copy it made.
    /// </summary>
    public static string Moved(string sendId, DateTimeOffset due)
    {
        ArgumentException.ThrowIfNullOrEmpty(sendId);
        return sendId[..16] + Hash($"{sendId}|{due.UtcTicks}");
    }

    private static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 4);

    private static string Derived(DateTimeOffset at, string name)
    {
        var withinMillisecond = at.UtcTicks % TimeSpan.TicksPerMillisecond * 4096 / TimeSpan.TicksPerMillisecond;
        var prefix = ((at.ToUnixTimeMilliseconds() << 12) | withinMillisecond).ToString("x16", CultureInfo.InvariantCulture);
        return prefix + Hash(name);
    }
}
