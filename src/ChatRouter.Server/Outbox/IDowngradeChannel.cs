using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Where a message goes when WhatsApp cannot carry it (the 24-hour window lapsed and no approved WhatsApp
/// message template applies, the template was refused, or the handoff went unclaimed). The server's own is
/// <c>Downgrades/DurableDowngrade</c>: stored first, then an email to the customer and/or a ticket to the
/// helpdesk as <c>Downgrade:Mode</c> says. Plug in another system by registering your own.
/// </summary>
public interface IDowngradeChannel
{
    /// <summary>Hands the message over; returns once it is durably taken. Throwing leaves the outbox entry to be retried.</summary>
    Task DowngradeAsync(DowngradeRequest request, CancellationToken cancellationToken);
}

/// <summary>A message that needs another channel, with why.</summary>
public sealed record DowngradeRequest(string ConversationId, string CustomerId, string Reason, string Text, string Locale, string? OutboxId, DateTimeOffset At);

/// <summary>The fallback when no downgrade feature is registered: a durable record operators list at <c>GET /api/downgrades</c>.</summary>
internal sealed class RecordingDowngrade(IDowngradeStore store) : IDowngradeChannel
{
    public Task DowngradeAsync(DowngradeRequest request, CancellationToken cancellationToken) => store.AddAsync(new DowngradeRecord
    {
        Id = Conversations.SortableId.Next(request.At),
        ConversationId = request.ConversationId,
        CustomerId = request.CustomerId,
        Reason = request.Reason,
        Text = request.Text,
        Locale = request.Locale,
        OutboxId = request.OutboxId,
        At = request.At,
    }, [], cancellationToken);
}
