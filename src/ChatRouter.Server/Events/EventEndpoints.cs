using System.Text.Json;
using ChatRouter.Flows;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Proactive;
using ChatRouter.Server.Security;
using ChatRouter.Server.Webhooks;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Events;

/// <summary>
/// <c>POST /api/events</c>: a business event (order shipped, NPS due, SLA breached) for one customer. The body is
/// read here, within <c>Events:MaxBodyBytes</c> (413 above it) and repaired like a webhook's (invalid Unicode
/// becomes U+FFFD), then checked against what the store can hold (400 naming the field and the limit). Only then
/// is it stored in the inbox under its idempotency key and answered 202, so the same key twice is accepted once
/// and nothing accepted fails later; it is processed like a customer message, in that customer's order, after the
/// guardrails (<see cref="ProactiveGate"/>) have decided on it. The 202 tells their decision as it stands at
/// acceptance; the one recorded is taken when the event is processed, a moment later.
/// </summary>
internal static partial class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", AcceptAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.EventsPolicy)
            .WithName("PostEvent")
            .WithSummary("Deliver a business event to a customer's conversation (role events).")
            .Accepts<EventRequest>("application/json")
            .Produces<EventAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    /// <summary>
    /// 202 body: <c>accepted</c>, or <c>duplicate</c> when the key was seen before; for an accepted event the guardrails'
    /// provisional <c>decision</c> (sent, deferred, digested, capped, suppressed, expired), why, and when it is due.
    /// </summary>
    public sealed record EventAccepted(string Status, string IdempotencyKey)
    {
        public string? Decision { get; init; }

        public string? Reason { get; init; }

        public DateTimeOffset? DueAt { get; init; }
    }

    private static async Task<IResult> AcceptAsync(
        HttpRequest request, InboxWriter inbox, ProactiveGate gate, FlowSource flows, TimeProvider time, IOptionsMonitor<EventsOptions> options,
        IOptionsMonitor<WhatsAppOptions> whatsApp, ILogger<EventsOptions> logger, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue;
        var body = await WebhookBody.ReadAsync(request, limits.MaxBodyBytes, cancellationToken);
        if (body is null)
            return Results.Problem($"The body is larger than Events:MaxBodyBytes ({limits.MaxBodyBytes} bytes); an event carries ids and a few values, not documents.", statusCode: StatusCodes.Status413PayloadTooLarge);

        var problems = new RequestProblems();
        EventRequest? read;
        try
        {
            using var document = JsonStrings.Parse(body, out _);
            read = EventRequest.Read(document.RootElement, limits, whatsApp.CurrentValue.PhoneNumberId, flows.Current.Taxonomy, time.GetUtcNow(), problems);
        }
        catch (JsonException e)
        {
            problems.Add("body", $"not JSON, or nested deeper than {JsonStrings.MaxDepth} levels: {e.Message}");
            read = null;
        }

        if (read is null) return Results.ValidationProblem(problems.ToDictionary());
        var business = read.ToBusinessEvent(time.GetUtcNow());
        var item = new EventItem(business, read.IdempotencyKey);
        if (InboxWriter.Unstorable(item) is { } unstorable) return Results.ValidationProblem(new Dictionary<string, string[]> { ["idempotencyKey"] = [unstorable] });

        int accepted;
        // Before the inbox has it: once processed, its own send would count against its cap here.
        var decided = await gate.DecideAsync(business, item.DedupeKey, business.AcceptedAt!.Value, cancellationToken);
        try
        {
            accepted = await inbox.AcceptAsync("events", [item], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was stored, and the caller can send it again with the same key.
            LogStoreFailed(logger, e, read.IdempotencyKey);
            return Results.Problem("The inbox cannot store the event right now; send it again later with the same idempotencyKey.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (accepted == 0) return Results.Accepted(value: new EventAccepted("duplicate", read.IdempotencyKey));
        return Results.Accepted(value: new EventAccepted("accepted", read.IdempotencyKey)
        {
            Decision = Wire.WireName.Of(decided.Decision.Decision),
            Reason = decided.Decision.Reason,
            DueAt = decided.Decision.DueAt,
        });
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Storing event {IdempotencyKey} failed; answered 503 so the caller sends it again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string idempotencyKey);
}
