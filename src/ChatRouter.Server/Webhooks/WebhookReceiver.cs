using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Metrics;
using ChatRouter.Storage.Inbox;

namespace ChatRouter.Server.Webhooks;

/// <summary>
/// The one way into the inbox: stores a delivery's notifications (duplicates dropped by their keys), and
/// once they are on disk hands the new ones to the processor. Webhook endpoints answer 200 only after this.
/// </summary>
internal sealed class WebhookReceiver(InboxStore inbox, InboxProcessor processor, ServerMetrics metrics, TimeProvider time)
{
    /// <summary>Stores the notifications; returns how many were new.</summary>
    public async Task<int> AcceptAsync(string channel, IReadOnlyList<Notification> notifications)
    {
        if (notifications.Count == 0) return 0;
        var now = time.GetUtcNow();
        var entries = notifications.Select(n => InboxCodec.ToEntry(n, now)).ToList();
        var accepted = await inbox.AcceptAsync(entries);
        processor.Enqueue(accepted);
        metrics.Inbound(channel, accepted.Count(e => e.Kind == "message"));
        return accepted.Count;
    }

    /// <summary>Whether an entry with this key was already accepted (idempotent APIs answer "duplicate").</summary>
    public bool Seen(string dedupeKey) => inbox.Find(dedupeKey) is not null;
}
