using ChatRouter.Server.Metrics;
using ChatRouter.Server.Security;
using ChatRouter.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Channels.WhatsApp;

/// <summary><c>GET /webhooks/whatsapp</c> (Meta's verification handshake) and <c>POST /webhooks/whatsapp</c> (notifications).</summary>
internal static partial class WhatsAppWebhookEndpoints
{
    public static IEndpointRouteBuilder MapWhatsAppWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks/whatsapp", Handshake).ExcludeFromDescription();
        app.MapPost("/webhooks/whatsapp", ReceiveAsync).ExcludeFromDescription();
        return app;
    }

    private static IResult Handshake(HttpRequest request, IOptionsMonitor<WhatsAppOptions> options, ILogger<WhatsAppOptions> logger)
    {
        var expected = options.CurrentValue.VerifyToken;
        if (expected is null) LogNoVerifyToken(logger);
        var valid = request.Query["hub.mode"] == "subscribe" && Secrets.Match(request.Query["hub.verify_token"].ToString(), expected);
        return valid ? Results.Text(request.Query["hub.challenge"].ToString(), "text/plain") : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static Task<IResult> ReceiveAsync(
        HttpRequest request, WebhookPipeline pipeline, ServerMetrics metrics, IOptionsMonitor<WhatsAppOptions> options, ILogger<WhatsAppOptions> logger, CancellationToken cancellationToken)
    {
        // Read per request: secrets and the served numbers change on configuration reload (key rotation).
        var settings = options.CurrentValue;
        var source = new WebhookSource(
            WhatsAppWebhookParser.Channel,
            _ => null,
            (http, body) => Verify(http, body, settings, metrics, logger),
            root => WhatsAppWebhookParser.Parse(root, settings.ServedNumbers));
        return pipeline.ReceiveAsync(request, source, cancellationToken);
    }

    private static IResult? Verify(HttpRequest request, byte[] body, WhatsAppOptions settings, ServerMetrics metrics, ILogger logger)
    {
        var secrets = settings.Secrets;
        if (secrets.Count == 0)
        {
            LogNoAppSecret(logger);
            metrics.Webhook(WhatsAppWebhookParser.Channel, "unauthorized");
            return Results.Problem("WhatsApp:AppSecret is not configured, so no notification can be verified.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var header = request.Headers["X-Hub-Signature-256"].ToString();
        if (secrets.Any(secret => WhatsAppSignature.IsValid(header, body, secret))) return null;
        LogBadSignature(logger, request.Headers.ContainsKey("X-Hub-Signature-256"));
        metrics.Webhook(WhatsAppWebhookParser.Channel, "unauthorized");
        return Results.Problem("Missing or wrong X-Hub-Signature-256.", statusCode: StatusCodes.Status401Unauthorized);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "WhatsApp webhook refused: WhatsApp:AppSecret is not set, so signatures cannot be checked. Set it (environment WhatsApp__AppSecret) to receive messages")]
    private static partial void LogNoAppSecret(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "WhatsApp webhook refused: bad X-Hub-Signature-256 (header present: {Present}); check WhatsApp:AppSecret (and WhatsApp:AppSecrets during a rotation)")]
    private static partial void LogBadSignature(ILogger logger, bool present);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "WhatsApp verification refused: WhatsApp:VerifyToken is not set")]
    private static partial void LogNoVerifyToken(ILogger logger);
}
