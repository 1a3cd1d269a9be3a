using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Inbox;
using ChatRouter.Server.Security;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Events;

/// <summary>
/// <c>POST /api/events</c>: a business event (order shipped, NPS due, SLA breached) for one customer. Stored in
/// the inbox under its idempotency key before 202, so the same key twice is accepted once; processed like a
/// customer message, in that customer's order.
/// </summary>
internal static partial class EventEndpoints
{
    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", AcceptAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.EventsPolicy)
            .WithName("PostEvent")
            .WithSummary("Deliver a business event to a customer's conversation (role events).")
            .Produces<EventAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    /// <summary>The body of <c>POST /api/events</c>.</summary>
    public sealed record EventRequest(string? Type, EventCustomer? Customer, JsonElement? Data, string? IdempotencyKey, string? Channel, string? BusinessNumber);

    /// <summary>Who the event is for: an E.164 phone, or the customer's id on the channel.</summary>
    public sealed record EventCustomer(string? Phone, string? Id);

    /// <summary>202 body: <c>accepted</c>, or <c>duplicate</c> when the key was seen before.</summary>
    public sealed record EventAccepted(string Status, string IdempotencyKey);

    private static async Task<IResult> AcceptAsync(EventRequest? request, InboxWriter receiver, IOptions<WhatsAppOptions> whatsApp, CancellationToken cancellationToken)
    {
        var problems = new Dictionary<string, string[]>();
        if (request?.Type is not { } type || !EventName().IsMatch(type)) problems["type"] = ["required: an event name such as order.shipped"];
        if (request?.IdempotencyKey is not { Length: > 0 and <= 200 }) problems["idempotencyKey"] = ["required: your unique key for this event (at most 200 characters); the same key is accepted once"];
        var phone = request?.Customer?.Phone;
        if (phone is not null && !Phone().IsMatch(phone)) problems["customer.phone"] = ["an E.164 number such as +15551234567"];
        if (phone is null && string.IsNullOrWhiteSpace(request?.Customer?.Id)) problems["customer"] = ["required: {\"phone\": \"+15551234567\"} or {\"id\": \"<channel id>\"}"];
        if (request?.Data is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null) }) problems["data"] = ["a JSON object"];
        var channel = request?.Channel ?? "whatsapp";
        var business = request?.BusinessNumber ?? (channel == "whatsapp" ? whatsApp.Value.PhoneNumberId : null);
        if (business is null) problems["businessNumber"] = ["required unless WhatsApp:PhoneNumberId is configured"];
        if (problems.Count > 0) return Results.ValidationProblem(problems);

        var businessEvent = new BusinessEvent
        {
            Type = request!.Type!,
            Data = request.Data is { ValueKind: JsonValueKind.Object } data ? JsonValues.ToDictionary(data)! : new Dictionary<string, object?>(),
            Channel = channel,
            BusinessNumber = business!,
            CustomerId = request.Customer!.Id ?? phone!.TrimStart('+'),
            Phone = phone,
            IdempotencyKey = request.IdempotencyKey,
        };
        var notification = new EventItem(businessEvent, request.IdempotencyKey!);
        var accepted = await receiver.AcceptAsync("events", [notification], cancellationToken);
        return Results.Accepted(value: new EventAccepted(accepted == 1 ? "accepted" : "duplicate", request.IdempotencyKey!));
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$")]
    private static partial Regex EventName();

    [GeneratedRegex("^\\+[1-9][0-9]{6,14}$")]
    private static partial Regex Phone();
}
