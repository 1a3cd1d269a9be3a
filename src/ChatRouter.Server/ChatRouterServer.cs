using ChatRouter.Flows;
using ChatRouter.Nlu;
using ChatRouter.Server.Agents;
using ChatRouter.Server.Alerts;
using ChatRouter.Server.OutboundAudit;
using ChatRouter.Server.AgentConsole;
using ChatRouter.Server.Campaigns;
using ChatRouter.Server.Channels.UltraMsg;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Dashboard;
using ChatRouter.Server.Downgrades;
using ChatRouter.Server.Events;
using ChatRouter.Server.Experiments;
using ChatRouter.Server.Health;
using ChatRouter.Server.Hosting;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Insight;
using ChatRouter.Server.Metrics;
using ChatRouter.Guardrails;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.CustomerProfiles;
using ChatRouter.Server.Retention;
using ChatRouter.Server.Proactive;
using ChatRouter.Server.Review;
using ChatRouter.Server.Security;
using ChatRouter.Storage;
using Microsoft.Extensions.Options;
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
    /// <exception cref="OptionsValidationException">Invalid configuration (every failure listed).</exception>
    /// <exception cref="StoreUnavailableException">The store cannot be opened.</exception>
    /// <exception cref="ServeStartupException">Nothing to serve (no flows).</exception>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var configuration = builder.Configuration;
        // Each host its own logger: through the static Log.Logger, hosts in one process (tests) wrote into each other's sinks.
        builder.Services.AddSerilog((services, log) => log.ReadFrom.Configuration(configuration).ReadFrom.Services(services).Enrich.FromLogContext(), preserveStaticLogger: true);
        builder.Services.AddChatRouterCore(configuration);           // flows, routing, replies
        builder.Services.AddIntentClassifier(configuration);         // models/<locale>.zip, reloaded when newer
        builder.Services.AddStorage(configuration);                  // Storage:Provider: LiteDB (Storage:Path) or PostgreSQL (Storage:ConnectionString)
        builder.Services.AddWhatsApp(configuration);                 // Cloud API, WhatsApp message templates
        builder.Services.AddUltraMsg(configuration);                 // UltraMsg gateway
        builder.Services.AddInbox(configuration);                    // webhooks into a durable inbox, ordered processing
        builder.Services.AddOutbox(configuration);                   // paced, retried, audited sends
        builder.Services.AddDowngrades(configuration);               // email and ticket when WhatsApp cannot carry a message
        builder.Services.AddAgents(configuration);                   // handoff timers
        builder.Services.AddApiKeys(configuration);                  // bearer keys, roles, re-read on reload
        builder.Services.AddEvents(configuration);                   // events API limits
        builder.Services.AddProfiles(configuration);                 // one profile per person-number, consent ledger API
        builder.Services.AddRetention(configuration);                // hourly purge, erasure, pseudonyms
        builder.Services.AddCampaigns(configuration);                // campaigns: intake, paced expansion into the inbox
        builder.Services.AddOutboxReplay(configuration);             // replay after a provider outage
        builder.Services.AddInsight(configuration);                  // KPI reports from daily rollups
        builder.Services.AddAlerts(configuration);                   // Alerts:WebhookUrl: template rejections, send-failure rate to a chat tool
        builder.Services.AddGuardrails(configuration);               // quiet hours, caps, digests, TTLs (Guardrails, Events)
        builder.Services.AddProactive();                             // the gate before every event's turn; deferred sends and digests
        builder.Services.AddExperiments(configuration);              // A/B experiment reports
        builder.Services.AddReview(configuration);                   // review queue labels into train-data/<locale>.tsv
        builder.Services.AddOpenApi();

        var app = builder.Build();
        // Every invalid configuration section at once, before anything reads one (the host would stop at the first).
        app.Services.GetService<IStartupValidator>()?.Validate();
        StartupCheck.Flows(app.Services.GetRequiredService<FlowCatalog>(), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ChatRouter.Server.Startup"));

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapWhatsAppWebhooks();
        app.MapUltraMsgWebhooks();
        app.MapEvents();
        app.MapCampaigns();
        app.MapOutboxReplay();
        app.MapReports();
        app.MapInsight();
        app.MapAgentConsole();
        app.MapDashboard();
        app.MapAgentApi();
        app.MapProfiles();
        app.MapAudit();
        app.MapExperiments();
        app.MapReview();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapServerMetrics();
        return app;
    }
}
