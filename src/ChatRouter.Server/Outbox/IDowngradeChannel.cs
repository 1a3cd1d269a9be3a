using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// Where a message goes when WhatsApp cannot carry it (the 24-hour window lapsed and no approved WhatsApp
/// message template applies, or the handoff went unclaimed): email, a ticket, a callback list. The default
/// records it for an operator; plug in your email or ticketing system here.
/// </summary>
public interface IDowngradeChannel
{
    /// <summary>Hands the message over; throwing leaves the outbox entry to be retried.</summary>
    Task DowngradeAsync(DowngradeRequest request, CancellationToken cancellationToken);
}

/// <summary>A message that needs another channel, with why.</summary>
public sealed record DowngradeRequest(string ConversationId, string CustomerId, string Reason, string Text, string Locale, string? OutboxId, DateTimeOffset At);

/// <summary>The default downgrade: a durable record operators list at <c>GET /api/downgrades</c>.</summary>
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
    }, cancellationToken);
}
