using ChatRouter.Server.Security;
using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary><c>GET /api/reports/delivery</c> (admin): sent, delivered, read and failed per flow, with rates; <c>GET /api/downgrades</c>.</summary>
internal static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/delivery", async (IOutboxStore outbox, DateTimeOffset? since, CancellationToken cancellationToken) =>
                Results.Ok(DeliveryReport.Build(await outbox.ListAsync(since, cancellationToken).ToListAsync(cancellationToken), since)))
            .RequireAuthorization(SecurityServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Delivery and read rates per flow (role admin).");
        app.MapGet("/api/downgrades", async (IDowngradeStore downgrades, int? limit, CancellationToken cancellationToken) =>
                Results.Ok(await downgrades.LatestAsync(Math.Clamp(limit ?? 100, 1, 1000), cancellationToken)))
            .RequireAuthorization(SecurityServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Messages handed to email/ticket because WhatsApp could not carry them (role admin).");
        return app;
    }
}

/// <summary>One row of the delivery report.</summary>
internal sealed record FlowDelivery(string Flow, int Total, int Sent, int Delivered, int Read, int Failed, int Suppressed, int Downgraded, int Pending, double? DeliveryRate, double? ReadRate);

internal static class DeliveryReport
{
    /// <summary>Rates are over messages the provider accepted: delivered (or read) ÷ accepted, read ÷ accepted.</summary>
    public static IReadOnlyList<FlowDelivery> Build(IEnumerable<OutboxEntry> entries, DateTimeOffset? since) =>
        entries.Where(e => since is null || e.CreatedAt >= since)
            .GroupBy(e => e.Flow ?? "(none)", StringComparer.Ordinal)
            .Select(g =>
            {
                var delivered = g.Count(e => e.State is OutboxState.Delivered or OutboxState.Read);
                var read = g.Count(e => e.State == OutboxState.Read);
                var accepted = g.Count(e => e.State is OutboxState.Sent or OutboxState.Delivered or OutboxState.Read) + g.Count(e => e.State == OutboxState.Failed && e.SentAt is not null);
                return new FlowDelivery(
                    g.Key,
                    g.Count(),
                    g.Count(e => e.State == OutboxState.Sent),
                    delivered,
                    read,
                    g.Count(e => e.State == OutboxState.Failed),
                    g.Count(e => e.State == OutboxState.Suppressed),
                    g.Count(e => e.State == OutboxState.Downgraded),
                    g.Count(e => e.State == OutboxState.Pending),
                    accepted == 0 ? null : (double)delivered / accepted,
                    accepted == 0 ? null : (double)read / accepted);
            })
            .OrderBy(r => r.Flow, StringComparer.Ordinal)
            .ToList();
}
