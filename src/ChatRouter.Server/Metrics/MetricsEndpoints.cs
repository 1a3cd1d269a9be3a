using ChatRouter.Server.Inbox;
using ChatRouter.Server.Outbox;
using Prometheus;

namespace ChatRouter.Server.Metrics;

/// <summary><c>GET /metrics</c>: the server's registry in Prometheus text format, with the queue gauges read at scrape time.</summary>
internal static class MetricsEndpoints
{
    public static IEndpointRouteBuilder MapServerMetrics(this IEndpointRouteBuilder app)
    {
        var metrics = app.ServiceProvider.GetRequiredService<ServerMetrics>();
        var inbox = app.ServiceProvider.GetRequiredService<InboxProcessor>();
        var outbox = app.ServiceProvider.GetRequiredService<OutboxSender>();
        var time = app.ServiceProvider.GetRequiredService<TimeProvider>();
        metrics.OnScrape(() => (inbox.Pending, outbox.Queued, inbox.OldestAge(time.GetUtcNow()), outbox.OldestDueAge(time.GetUtcNow())));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
