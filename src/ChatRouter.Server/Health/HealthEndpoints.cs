using ChatRouter.Flows;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Outbox;

namespace ChatRouter.Server.Health;

/// <summary><c>GET /healthz</c>: 200 once the server accepts messages (the replay of the previous run is queued before it listens).</summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (FlowCatalog flows, InboxProcessor inbox, OutboxSender outbox) => Results.Ok(new
        {
            status = "ok",
            flows = flows.FlowIds.Count(),
            inboxPending = inbox.Pending,
            outboxQueued = outbox.Queued,
        })).ExcludeFromDescription();
        return app;
    }
}
