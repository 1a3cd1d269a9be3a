using ChatRouter.Server.Metrics;
using ChatRouter.Server.Security;
using ChatRouter.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.UltraMsg;

/// <summary><c>POST /webhooks/ultramsg?secret=S</c>: UltraMsg notifications, authenticated by the secret in the URL.</summary>
internal static partial class UltraMsgWebhookEndpoints
{
    public static IEndpointRouteBuilder MapUltraMsgWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/ultramsg", ReceiveAsync).ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> ReceiveAsync(
        HttpRequest request, WebhookPipeline pipeline, ServerMetrics metrics, ForeignInstances reported, IOptionsMonitor<UltraMsgOptions> options,
        ILogger<UltraMsgOptions> logger, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var source = new WebhookSource(
            UltraMsgWebhookParser.Channel,
            http => Admit(http, settings, metrics, logger),
            (_, _) => null,
            root => Parse(root, settings.InstanceNumber, reported, logger));
        return pipeline.ReceiveAsync(request, source, cancellationToken);
    }

    private static IResult? Admit(HttpRequest request, UltraMsgOptions settings, ServerMetrics metrics, ILogger logger)
    {
        if (!Secrets.Match(request.Query["secret"].ToString(), settings.WebhookSecret))
        {
            LogRefused(logger, settings.WebhookSecret is null ? "UltraMsg:WebhookSecret is not set" : "wrong or missing ?secret=");
            metrics.Webhook(UltraMsgWebhookParser.Channel, "unauthorized");
            return Results.Problem("Missing or wrong webhook secret.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // Accepting messages the bot could never answer would only fill the outbox with failures.
        if (settings.InstancePath is null || string.IsNullOrEmpty(settings.Token))
        {
            LogRefused(logger, "UltraMsg:InstanceId and UltraMsg:Token are not both set, so no reply could be sent");
            metrics.Webhook(UltraMsgWebhookParser.Channel, "unconfigured");
            return Results.Problem($"{(settings.InstancePath is null ? "UltraMsg:InstanceId" : "UltraMsg:Token")} is not set; set UltraMsg:InstanceId and UltraMsg:Token before the webhook accepts messages.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return null;
    }

    private static WebhookParse Parse(System.Text.Json.JsonElement root, string? instance, ForeignInstances reported, ILogger logger)
    {
        var parse = UltraMsgWebhookParser.Parse(root, instance);
        if (UltraMsgWebhookParser.ForeignInstance(root, instance) is { } foreign && reported.FirstSeen(foreign))
            LogForeignInstance(logger, foreign, instance!);
        return parse;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "UltraMsg webhook refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "UltraMsg webhook: skipping every event of instance '{Instance}': this server serves instance '{Configured}' (UltraMsg:InstanceId). Point that instance's webhook at its own server, or set UltraMsg:InstanceId to it. Reported once per instance")]
    private static partial void LogForeignInstance(ILogger logger, string instance, string configured);
}
