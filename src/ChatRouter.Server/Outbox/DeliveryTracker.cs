using System.Collections.Concurrent;
using ChatRouter.Outbox;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Metrics;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Applies delivery statuses to outbox entries. Statuses only move forward (sent → delivered → read; "read"
/// without "delivered" implies it), so out-of-order webhooks are harmless; failed is final. A status can beat
/// our own record of the send (Meta answers within milliseconds): it is kept for a minute and applied when the
/// send is recorded. A failure because the window closed re-routes the message through the window fallback.
/// </summary>
internal sealed class DeliveryTracker(IOutboxStore outbox, ServerMetrics metrics, TimeProvider time, ILogger<DeliveryTracker> logger)
{
    private static readonly TimeSpan ParkFor = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (StatusItem Status, DateTimeOffset Until)> _parked = new(StringComparer.Ordinal);

    /// <summary>Set by the sender: re-sends an entry whose free-form message the provider refused for the window.</summary>
    public Action<OutboxEntry>? WindowFallback { get; set; }

    public async Task ApplyAsync(StatusItem status, CancellationToken cancellationToken)
    {
        var entry = await outbox.UpdateByProviderIdAsync(status.ProviderMessageId, e => Advance(e, status), cancellationToken)
            ?? await outbox.UpdateAsync(status.ProviderMessageId, e => Advance(e, status), cancellationToken);
        if (entry is null)
        {
            _parked[status.ProviderMessageId] = (status, time.GetUtcNow() + ParkFor);
            OutboxLog.StatusParked(logger, status.Status, status.ProviderMessageId);
            return;
        }

        metrics.Status(entry, status.Status.ToString().ToLowerInvariant());
        if (status.Status == DeliveryStatus.Failed && status.Failure == SendFailure.WindowClosed && entry.TemplateName is null)
        {
            var reopened = await outbox.UpdateAsync(entry.Id, e =>
            {
                e.State = OutboxState.Pending;
                e.WindowExpiresAt = time.GetUtcNow();
                e.NextAttemptAt = time.GetUtcNow();
                return true;
            }, cancellationToken);
            if (reopened is not null) WindowFallback?.Invoke(reopened);
        }
    }

    /// <summary>Applies statuses that arrived before the send of <paramref name="providerMessageId"/> was recorded.</summary>
    public async Task ReleaseParkedAsync(string providerMessageId, CancellationToken cancellationToken)
    {
        if (_parked.TryRemove(providerMessageId, out var parked) && parked.Until > time.GetUtcNow()) await ApplyAsync(parked.Status, cancellationToken);
        foreach (var stale in _parked.Where(p => p.Value.Until <= time.GetUtcNow()).Select(p => p.Key).ToList()) _parked.TryRemove(stale, out _);
    }

    private bool Advance(OutboxEntry entry, StatusItem status)
    {
        var at = status.At ?? time.GetUtcNow();
        if (entry.State is OutboxState.Failed or OutboxState.Suppressed or OutboxState.Downgraded) return false;
        if (status.Status == DeliveryStatus.Failed)
        {
            var error = status.Errors.Count > 0 ? status.Errors[0] : null;
            entry.State = OutboxState.Failed;
            entry.FailedAt = at;
            entry.ErrorCode = error?.Code;
            entry.ErrorReason = error is null ? "failed" : $"{error.Title}{(error.Details is null ? "" : ": " + error.Details)}";
            return true;
        }

        var reached = (OutboxState)(int)status.Status;
        if (reached <= entry.State) return false;
        entry.State = reached;
        entry.SentAt ??= at;
        if (reached >= OutboxState.Delivered) entry.DeliveredAt ??= at;
        if (reached == OutboxState.Read) entry.ReadAt ??= at;
        return true;
    }
}
