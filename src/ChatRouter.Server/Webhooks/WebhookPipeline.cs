using System.Text.Json;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Metrics;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Webhooks;

/// <summary>
/// The steps every webhook shares, whatever the channel: admit the request, read the body within
/// <c>Webhooks:MaxBodyBytes</c>, verify it, parse it as JSON (repairing invalid Unicode), let the channel's
/// parser read it, refuse what is malformed (400), store the rest in the inbox and answer 200, counting each
/// outcome. A signed body gets 200 or 400, never a 5xx, so no notification becomes a poison message that the
/// provider retries for days; only a store that cannot take the items answers 503 (retry later).
/// </summary>
internal sealed partial class WebhookPipeline(InboxWriter inbox, ServerMetrics metrics, IOptionsMonitor<WebhookOptions> limits, TimeProvider time, ILogger<WebhookPipeline> logger)
{
    private const int MaxSkipsLogged = 20;

    public async Task<IResult> ReceiveAsync(HttpRequest request, WebhookSource source, CancellationToken cancellationToken)
    {
        if (source.Admit(request) is { } refused) return refused;
        var started = time.GetTimestamp();

        var limit = limits.CurrentValue.MaxBodyBytes;
        var body = await WebhookBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            metrics.Webhook(source.Channel, "too_large");
            return Results.Problem($"The body is larger than Webhooks:MaxBodyBytes ({limit} bytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (source.Verify(request, body) is { } unverified) return unverified;

        var parse = Storable(Parse(source, body));
        if (parse.IsMalformed)
        {
            var reason = WebhookSkip.Shorten(parse.Malformed!);
            LogMalformed(logger, source.Channel, reason);
            metrics.Webhook(source.Channel, "malformed");
            return Results.Problem(reason, statusCode: StatusCodes.Status400BadRequest);
        }

        Report(source.Channel, parse.Skipped);
        int accepted;
        try
        {
            accepted = await inbox.AcceptAsync(source.Channel, parse.Items, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was stored: the provider must deliver it again.
            LogStoreFailed(logger, e, source.Channel, parse.Items.Count);
            metrics.Webhook(source.Channel, "unavailable");
            return Results.Problem("The inbox cannot store the delivery right now; deliver it again later.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        metrics.Webhook(source.Channel, accepted < parse.Items.Count ? "duplicate" : "accepted");
        var now = time.GetUtcNow();
        metrics.WebhookAccepted(source.Channel, time.GetElapsedTime(started), parse.Items.OfType<MessageItem>().Where(m => m.Message.SentAt is not null).Select(m => now - m.Message.SentAt!.Value));
        return Results.Ok();
    }

    private WebhookParse Parse(WebhookSource source, byte[] body)
    {
        try
        {
            using var document = JsonStrings.Parse(body, out var repaired);
            if (repaired) LogRepaired(logger, source.Channel);
            return source.Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            return WebhookParse.Invalid($"the body is not JSON: {e.Message}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A parser bug, whatever it throws, must not turn into a 500 that the provider retries for days; the
            // body is refused and the failure logged as an error (the fuzz tests fail on that log).
            LogParserFailed(logger, e, source.Channel);
            return WebhookParse.Invalid($"the body could not be read ({e.GetType().Name}: {e.Message})");
        }
    }

    /// <summary>
    /// The parse with the items the inbox cannot key (ids of thousands of characters) moved to the skipped ones:
    /// storing them would fail every retry, and a provider retries what it does not get 200 for, for days.
    /// </summary>
    public static WebhookParse Storable(WebhookParse parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.IsMalformed || parse.Items.All(i => InboxWriter.Unstorable(i) is null)) return parse;
        var skipped = parse.Items.Where(i => InboxWriter.Unstorable(i) is not null)
            .Select(i => new WebhookSkip(SkipReason.MalformedItem, $"{i.GetType().Name}: {InboxWriter.Unstorable(i)}"));
        return parse with { Items = [.. parse.Items.Where(i => InboxWriter.Unstorable(i) is null)], Skipped = [.. parse.Skipped, .. skipped] };
    }

    private void Report(string channel, IReadOnlyList<WebhookSkip> skipped)
    {
        // A delivery of 10,000 odd items must not write 10,000 log lines; the metric still counts them all.
        if (logger.IsEnabled(LogLevel.Information))
        {
            foreach (var skip in skipped.Take(MaxSkipsLogged)) LogSkipped(logger, channel, skip.Label, skip.What);
            if (skipped.Count > MaxSkipsLogged) LogMoreSkipped(logger, channel, skipped.Count - MaxSkipsLogged);
        }

        foreach (var reason in skipped.GroupBy(s => s.Label, StringComparer.Ordinal)) metrics.WebhookSkipped(channel, reason.Key, reason.Count());
    }

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "{Channel} webhook refused as malformed: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string channel, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Channel} webhook: skipped ({Reason}) {What}")]
    private static partial void LogSkipped(ILogger logger, string channel, string reason, string what);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "{Channel} webhook: skipped {Count} more items of the same delivery (counted in chatrouter_webhook_items_skipped_total)")]
    private static partial void LogMoreSkipped(ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "{Channel} webhook: the body had invalid UTF-8 or lone surrogate escapes; they were read as U+FFFD")]
    private static partial void LogRepaired(ILogger logger, string channel);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "{Channel} webhook: the parser failed on a body; it was refused with 400")]
    private static partial void LogParserFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "{Channel} webhook: storing {Count} items failed; answered 503 so the provider delivers them again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string channel, int count);
}

/// <summary>What a channel adds to the shared webhook steps.</summary>
/// <param name="Channel">The channel's name in metrics and logs.</param>
/// <param name="Admit">Checks before the body is read (a secret in the URL, the channel's configuration); null to go on.</param>
/// <param name="Verify">Checks the body as received (a signature over the exact bytes); null to go on.</param>
/// <param name="Parse">Reads the channel's JSON into inbox items.</param>
internal sealed record WebhookSource(
    string Channel,
    Func<HttpRequest, IResult?> Admit,
    Func<HttpRequest, byte[], IResult?> Verify,
    Func<JsonElement, WebhookParse> Parse);
