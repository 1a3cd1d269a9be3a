using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Events;
using ChatRouter.Wire;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// The body of <c>POST /api/campaigns</c>: <c>{"name", "event", "data", "audience", "sendAt"?, "lawfulBasis"?,
/// "idempotencyKey", "channel"?, "businessNumber"?}</c>, read field by field so that every problem comes back at once
/// with its path and the fix. <c>data</c> has the limits of an event's (<c>Events:*</c>): each member becomes one event.
/// </summary>
internal sealed partial record CampaignRequest
{
    public required string Name { get; init; }

    public required string EventType { get; init; }

    public required Dictionary<string, object?> Data { get; init; }

    public required CampaignAudience Audience { get; init; }

    public SendAt? SendAt { get; init; }

    public string? LawfulBasis { get; init; }

    public required string IdempotencyKey { get; init; }

    public required string Channel { get; init; }

    public required string BusinessNumber { get; init; }

    /// <param name="body">The parsed body.</param>
    /// <param name="context">What the body is checked against.</param>
    /// <param name="problems">Where problems go, by field path.</param>
    public static CampaignRequest? Read(JsonElement body, CampaignContext context, RequestProblems problems)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add("body", $"a JSON {body.ValueKind.ToString().ToLowerInvariant()}, not an object: {{\"name\", \"event\", \"audience\", \"idempotencyKey\"}}");
            return null;
        }

        var name = problems.String(body, "", "name", 200, required: true, "a name for the campaign (at most 200 characters)");
        var type = problems.String(body, "", "event", 100, required: true, "the event type each member receives, such as cart.abandoned");
        if (type is not null) CheckEventType(type, context.Taxonomy, problems);
        var key = problems.String(body, "", "idempotencyKey", 200, required: true, "your unique key for this campaign (at most 200 characters); the same key is accepted once");
        var data = EventData.Read(body, context.Limits, problems);
        var audience = CampaignAudience.Read(body, context.DefaultRegion, problems);
        var sendAt = ReadSendAt(body, context.Now, problems);
        var basis = problems.String(body, "", "lawfulBasis", 40, required: false, "consent, contract, legitimate_interest or legal_obligation");
        if (basis is not null && !WireName.TryParse<Consents.LawfulBasis>("lawfulBasis", basis, out _, out var basisError)) problems.Add(basisError.Field, basisError.Message);
        var channel = problems.String(body, "", "channel", 20, required: false, "whatsapp or ultramsg") ?? "whatsapp";
        if (!EventRequest.Channels.Contains(channel)) problems.Add("channel", "whatsapp or ultramsg");
        var number = problems.String(body, "", "businessNumber", 64, required: false, "the number to send from") ?? (channel == "whatsapp" ? context.DefaultNumber : null);
        if (number is null && EventRequest.Channels.Contains(channel)) problems.Add("businessNumber", "required unless WhatsApp:PhoneNumberId is configured");

        if (problems.Any) return null;
        return new CampaignRequest
        {
            Name = name!, EventType = type!, Data = data!, Audience = audience!, SendAt = sendAt, LawfulBasis = basis,
            IdempotencyKey = key!, Channel = channel, BusinessNumber = number!,
        };
    }

    /// <summary>The campaign to store, <paramref name="audience"/> members strong.</summary>
    public Campaign ToCampaign(int audience, DateTimeOffset now) => new()
    {
        Id = SortableId.Next(now),
        IdempotencyKey = IdempotencyKey,
        Name = Name,
        EventType = EventType,
        Data = Data,
        Channel = Channel,
        BusinessNumber = BusinessNumber,
        SendAtLocalTime = SendAt?.LocalTime?.ToString("HH:mm", CultureInfo.InvariantCulture),
        SendAtInstant = SendAt?.At,
        LawfulBasis = LawfulBasis,
        Attributes = Audience.Attributes is { } attributes ? new Dictionary<string, string>(attributes, StringComparer.Ordinal) : null,
        Audience = audience,
        State = CampaignState.Expanding,
        CreatedAt = now,
    };

    private static void CheckEventType(string type, EventTaxonomy taxonomy, RequestProblems problems)
    {
        if (!EventName().IsMatch(type))
            problems.Add("event", "an event name such as cart.abandoned: lower-case words and digits joined by '.' or '_'");
        else if (!taxonomy.TryGet(type, out _))
            problems.Add("event", $"'{type}' is not a known event type; known: {string.Join(", ", taxonomy.Types.Keys.Order(StringComparer.Ordinal))}. A flow declares more with its event trigger.");
    }

    private static SendAt? ReadSendAt(JsonElement body, DateTimeOffset now, RequestProblems problems)
    {
        switch (JsonFields.Property(body, "sendAt"))
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return null;
            case { ValueKind: JsonValueKind.Object } value:
                var local = problems.String(value, "sendAt", "localTime", 5, required: false, "the customer's local time, HH:mm such as 10:00");
                var at = problems.String(value, "sendAt", "at", 40, required: false, "an ISO 8601 instant such as 2026-01-15T10:00:00Z");
                if (!SendAt.TryParse(local, at, out var sendAt, out var error))
                {
                    problems.Add(error.Field, error.Message);
                    return null;
                }

                if (sendAt.At is { } instant && instant <= now)
                {
                    problems.Add("sendAt.at", $"{instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} is in the past; give a later instant, or leave sendAt out to send at once.");
                    return null;
                }

                return sendAt;
            case { } other:
                problems.Add("sendAt", $"a JSON {other.ValueKind.ToString().ToLowerInvariant()}, not an object: {{\"localTime\": \"10:00\"}} or {{\"at\": \"2026-01-15T10:00:00Z\"}}");
                return null;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();
}

/// <summary>What a campaign body is checked against: the data limits, the known event types, the defaults, and now.</summary>
internal sealed record CampaignContext(EventsOptions Limits, EventTaxonomy Taxonomy, string DefaultRegion, string? DefaultNumber, DateTimeOffset Now);
