using System.Text;
using ChatRouter.Inbox;
using ChatRouter.Server.Metrics;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// The one way into the inbox (webhooks and the events API): stores the items (duplicates dropped by their
/// keys), and once they are durable hands the new ones to the processor. Callers answer 200/202 only after this.
/// </summary>
internal sealed class InboxWriter(IInboxStore inbox, InboxProcessor processor, ServerMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// The longest dedupe or ordering key stored, in UTF-8 bytes. LiteDB refuses index keys of 1,023 bytes or
    /// more (the dedupe key is the entry's id), and the outbox keys its sends on the entry id plus "#n". Provider
    /// ids are far shorter (a wamid is about 60 characters); an events API key of 200 characters takes at most 606.
    /// </summary>
    public const int MaxKeyBytes = 768;

    /// <summary>Why the inbox cannot store <paramref name="item"/> (a key too long), or null when it can.</summary>
    public static string? Unstorable(InboundItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var dedupe = Encoding.UTF8.GetByteCount(item.DedupeKey);
        var ordering = Encoding.UTF8.GetByteCount(item.OrderingKey);
        return dedupe > MaxKeyBytes || ordering > MaxKeyBytes
            ? $"its ids make a key of {Math.Max(dedupe, ordering)} bytes; the inbox keeps keys of at most {MaxKeyBytes} (provider ids are far shorter)"
            : null;
    }

    /// <summary>Stores the items; returns how many were new.</summary>
    /// <exception cref="ArgumentException">An item is <see cref="Unstorable"/>; callers leave those out.</exception>
    public async Task<int> AcceptAsync(string channel, IReadOnlyList<InboundItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return 0;
        if (items.FirstOrDefault(i => Unstorable(i) is not null) is { } unstorable)
            throw new ArgumentException($"Inbox item {unstorable.GetType().Name} cannot be stored: {Unstorable(unstorable)}.", nameof(items));
        var now = time.GetUtcNow();
        var entries = items.Select(n => InboxCodec.ToEntry(n, now)).ToList();
        var accepted = await inbox.AcceptAsync(entries, cancellationToken);
        processor.Enqueue(accepted);
        metrics.Inbound(channel, accepted.Count(e => e.Kind is InboxCodec.MessageKind or InboxCodec.EventKind));
        return accepted.Count;
    }
}
