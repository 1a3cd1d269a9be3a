using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatRouter.Server.Metrics;
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

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request,
        WebhookReceiver receiver,
        ServerMetrics metrics,
        IOptions<UltraMsgOptions> options,
        IOptions<WebhookOptions> limits,
        ILogger<UltraMsgOptions> logger,
        CancellationToken cancellationToken)
    {
        var expected = options.Value.WebhookSecret;
        var given = request.Query["secret"].ToString();
        if (expected is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            LogRefused(logger, expected is null ? "UltraMsg:WebhookSecret is not set" : "wrong or missing ?secret=");
            metrics.Webhook("ultramsg", "unauthorized");
            return Results.Problem("Missing or wrong webhook secret.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // Accepting messages the bot could never answer would only fill the outbox with failures.
        if (options.Value.InstancePath is null || string.IsNullOrEmpty(options.Value.Token))
        {
            LogRefused(logger, "UltraMsg:InstanceId and UltraMsg:Token are not both set, so no reply could be sent");
            metrics.Webhook("ultramsg", "unconfigured");
            return Results.Problem($"{(options.Value.InstancePath is null ? "UltraMsg:InstanceId" : "UltraMsg:Token")} is not set; set UltraMsg:InstanceId and UltraMsg:Token before the webhook accepts messages.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var body = await WebhookBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            metrics.Webhook("ultramsg", "too_large");
            return Results.Problem($"The body is larger than Webhooks:MaxBodyBytes ({limits.Value.MaxBodyBytes} bytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        WebhookParse parse;
        try
        {
            using var document = JsonDocument.Parse(body);
            parse = UltraMsgWebhookParser.Parse(document.RootElement, options.Value.InstanceNumber);
        }
        catch (JsonException e)
        {
            parse = WebhookParse.Invalid($"the body is not JSON: {e.Message}");
        }

        if (parse.IsMalformed)
        {
            metrics.Webhook("ultramsg", "malformed");
            return Results.Problem(parse.Malformed, statusCode: StatusCodes.Status400BadRequest);
        }

        await receiver.AcceptAsync("ultramsg", parse.Notifications);
        metrics.Webhook("ultramsg", "accepted");
        return Results.Ok();
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "UltraMsg webhook refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
