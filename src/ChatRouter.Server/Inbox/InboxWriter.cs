using ChatRouter.Inbox;
using ChatRouter.Server.Metrics;

namespace ChatRouter.Server.Inbox;

/// <summary>
/// The one way into the inbox (webhooks and the events API): stores the items (duplicates dropped by their
/// keys), and once they are durable hands the new ones to the processor. Callers answer 200/202 only after this.
/// </summary>
internal sealed class InboxWriter(IInboxStore inbox, InboxProcessor processor, ServerMetrics metrics, TimeProvider time)
{
    /// <summary>Stores the items; returns how many were new.</summary>
    public async Task<int> AcceptAsync(string channel, IReadOnlyList<InboundItem> items, CancellationToken cancellationToken)
    {
        if (items.Count == 0) return 0;
        var now = time.GetUtcNow();
        var entries = items.Select(n => InboxCodec.ToEntry(n, now)).ToList();
        var accepted = await inbox.AcceptAsync(entries, cancellationToken);
        processor.Enqueue(accepted);
        metrics.Inbound(channel, accepted.Count(e => e.Kind is InboxCodec.MessageKind or InboxCodec.EventKind));
        return accepted.Count;
    }
}
