using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Outbox;

namespace ChatRouter.Server.Health;

/// <summary>
/// Health for people and load balancers. <c>GET /healthz</c>: 200 once the server accepts messages (the replay of the
/// previous run is queued before it listens). <c>/healthz/live</c>: the process answers (restart it when not).
/// <c>/healthz/ready</c>: send it traffic: 503 while it shuts down, so a balancer drains it first, and while the
/// store cannot be read, so webhooks go to a server that can store them (Meta retries what gets 503 anyway).
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (FlowCatalog flows, InboxProcessor inbox, OutboxSender outbox) => Results.Ok(Status("ok", flows, inbox, outbox)))
            .ExcludeFromDescription();
        app.MapGet("/healthz/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/healthz/ready", ReadyAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ReadyAsync(
        IHostApplicationLifetime lifetime, IConversationStore store, FlowCatalog flows, InboxProcessor inbox, OutboxSender outbox, CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
            return Results.Json(new { status = "stopping" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StoreProbeTimeout);
        try
        {
            // A point read of an id no profile has: the cheapest question every store answers.
            await store.GetProfileAsync("healthz-probe", timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Results.Json(new { status = "store_unavailable", reason = e.Message }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(Status("ready", flows, inbox, outbox));
    }

    private static object Status(string status, FlowCatalog flows, InboxProcessor inbox, OutboxSender outbox) => new
    {
        status,
        flows = flows.FlowIds.Count(),
        inboxPending = inbox.Pending,
        outboxQueued = outbox.Queued,
    };
}
