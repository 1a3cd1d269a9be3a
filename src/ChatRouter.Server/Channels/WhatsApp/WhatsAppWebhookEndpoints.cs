using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatRouter.Server.Metrics;
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

    private static IResult Handshake(HttpRequest request, IOptions<WhatsAppOptions> options, ILogger<WhatsAppOptions> logger)
    {
        var expected = options.Value.VerifyToken;
        var given = request.Query["hub.verify_token"].ToString();
        if (expected is null) LogNoVerifyToken(logger);
        var valid = request.Query["hub.mode"] == "subscribe" && expected is not null &&
            CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
        return valid ? Results.Text(request.Query["hub.challenge"].ToString(), "text/plain") : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        WebhookReceiver receiver,
        ServerMetrics metrics,
        IOptions<WhatsAppOptions> options,
        IOptions<WebhookOptions> limits,
        ILogger<WhatsAppOptions> logger,
        CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.Webhook("whatsapp", "too_large");
            return Results.Problem($"The body is larger than Webhooks:MaxBodyBytes ({limits.Value.MaxBodyBytes} bytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var secret = options.Value.AppSecret;
        if (secret is null)
        {
            LogNoAppSecret(logger);
            metrics.Webhook("whatsapp", "unauthorized");
            return Results.Problem("WhatsApp:AppSecret is not configured, so no notification can be verified.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!WhatsAppSignature.IsValid(request.Headers["X-Hub-Signature-256"].ToString(), body, secret))
        {
            LogBadSignature(logger, request.Headers.ContainsKey("X-Hub-Signature-256"));
            metrics.Webhook("whatsapp", "unauthorized");
            return Results.Problem("Missing or wrong X-Hub-Signature-256.", statusCode: StatusCodes.Status401Unauthorized);
        }

        WebhookParse parse;
        try
        {
            using var document = JsonDocument.Parse(body);
            parse = WhatsAppWebhookParser.Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            parse = WebhookParse.Invalid($"the body is not JSON: {e.Message}");
        }

        if (parse.IsMalformed)
        {
            LogMalformed(logger, parse.Malformed!);
            metrics.Webhook("whatsapp", "malformed");
            return Results.Problem(parse.Malformed, statusCode: StatusCodes.Status400BadRequest);
        }

        foreach (var skipped in parse.Skipped) LogSkipped(logger, skipped);
        var accepted = await receiver.AcceptAsync("whatsapp", parse.Notifications);
        metrics.Webhook("whatsapp", accepted < parse.Notifications.Count ? "duplicate" : "accepted");
        return Results.Ok();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "WhatsApp webhook refused: WhatsApp:AppSecret is not set, so signatures cannot be checked. Set it (environment WhatsApp__AppSecret) to receive messages")]
    private static partial void LogNoAppSecret(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "WhatsApp webhook refused: bad X-Hub-Signature-256 (header present: {Present}); check WhatsApp:AppSecret")]
    private static partial void LogBadSignature(ILogger logger, bool present);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "WhatsApp webhook refused as malformed: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "WhatsApp webhook: skipped {What}")]
    private static partial void LogSkipped(ILogger logger, string what);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "WhatsApp verification refused: WhatsApp:VerifyToken is not set")]
    private static partial void LogNoVerifyToken(ILogger logger);
}
