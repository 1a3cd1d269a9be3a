using ChatRouter.Nlu;
using ChatRouter.Server.AgentConsole;
using ChatRouter.Server.Agents;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Events;
using ChatRouter.Server.Health;
using ChatRouter.Server.Hosting;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.Security;
using ChatRouter.Storage;
using ChatRouter.Storage.Handoffs;
using ChatRouter.Storage.Inbox;
using ChatRouter.Storage.Outbox;
using ChatRouter.Storage.Templates;
using Microsoft.Extensions.Options;
using Prometheus;
using Serilog;

namespace ChatRouter.Server;

/// <summary>The server <c>chatrouter serve</c> runs; tests start the same application on 127.0.0.1:0.</summary>
public static class ChatRouterServer
{
    /// <summary>
    /// Builds the web application from standard .NET configuration (appsettings.json, environment variables,
    /// <paramref name="args"/>); <paramref name="configure"/> lets a caller adjust the builder first (tests
    /// swap the clock and point the channels at loopback fakes).
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        builder.Services.AddSerilog((services, log) => log.ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext());
        builder.Services.AddChatRouterCore(configuration);           // flows, routing, replies
        builder.Services.AddIntentClassifier(configuration);         // models/<locale>.zip, reloaded when newer
        builder.Services.AddLiteDbStorage(configuration);            // Storage:Path, Storage:Password
        builder.Services.AddInbox(configuration);                    // durable inbox, ordered processing
        builder.Services.AddOutbox(configuration);                   // paced, retried, audited sends
        builder.Services.AddWhatsApp(configuration);                 // Cloud API
        builder.Services.AddUltraMsg(configuration);                 // UltraMsg gateway
        builder.Services.AddAgents(configuration);                   // handoff timers and history
        builder.Services.AddApiKeys(configuration);                  // bearer keys, roles
        builder.Services.AddHostedService<StartupCheck>();
        builder.Services.AddOpenApi();

        var app = builder.Build();

        // Every invalid configuration section at once, before anything reads one (the host would stop at the first).
        app.Services.GetService<IStartupValidator>()?.Validate();

        // Construct every store before the first request: those that write a turn's attachments (inbox
        // done-marks, outbox entries, handoff episodes) join the turn's transaction when constructed, and each
        // creates its collection then, never while other threads read the file (LiteDbStore.Collection).
        app.Services.GetRequiredService<InboxStore>();
        app.Services.GetRequiredService<OutboxStore>();
        app.Services.GetRequiredService<HandoffHistory>();
        app.Services.GetRequiredService<DowngradeStore>();
        app.Services.GetRequiredService<WhatsAppTemplateStore>();

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapWhatsAppWebhooks();
        app.MapUltraMsgWebhooks();
        app.MapEvents();
        app.MapReports();
        app.MapAgentConsole();
        app.MapAgentApi();
        app.MapOpenApi("/openapi/{documentName}.json");
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        metrics.OnScrape(() => (app.Services.GetRequiredService<InboxProcessor>().Pending, app.Services.GetRequiredService<OutboxSender>().Queued));
        app.MapMetrics("/metrics", metrics.Registry);
        return app;
    }
}
