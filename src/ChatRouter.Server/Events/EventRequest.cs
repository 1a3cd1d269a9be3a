using System.Text.Json;
using System.Text.RegularExpressions;
using ChatRouter.Guardrails;
using ChatRouter.Identity;
using ChatRouter.Messaging;
using ChatRouter.Server.Channels;

namespace ChatRouter.Server.Events;

/// <summary>
/// The body of <c>POST /api/events</c>:
/// <c>{"type", "customer": {"phone" | "id", "region"?}, "data": {…}, "idempotencyKey", "channel"?, "businessNumber"?,
/// "sendAt"?: {"localTime" | "at"}, "lawfulBasis"?}</c>.
/// Read field by field from the JSON so that every problem comes back at once with its path, and so that what
/// the store cannot keep is refused here. Unknown fields are ignored. To add a field: a property, and a line in
/// <see cref="Read"/> that reads and checks it.
/// </summary>
internal sealed partial record EventRequest
{
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal) { "whatsapp", "ultramsg" };

    /// <summary>Event type, e.g. <c>order.shipped</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Who the event is for.</summary>
    public required CustomerAddress Customer { get; init; }

    /// <summary>The event's values, which flows read as slots.</summary>
    public required IReadOnlyDictionary<string, object?> Data { get; init; }

    /// <summary>The caller's key; the same key is accepted once.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary><c>whatsapp</c> (default) or <c>ultramsg</c>.</summary>
    public string Channel { get; init; } = "whatsapp";

    /// <summary>The number to send from; WhatsApp:PhoneNumberId when absent.</summary>
    public string? BusinessNumber { get; init; }

    /// <summary>When the message should go: the customer's next local time, or an instant.</summary>
    public SendAtBody? SendAt { get; init; }

    /// <summary><c>consent</c>, <c>contract</c>, <c>legitimate_interest</c> or <c>legal_obligation</c>; the category's default when absent.</summary>
    public string? LawfulBasis { get; init; }

    /// <summary>The request in <paramref name="body"/>, or null with every problem added to <paramref name="problems"/>.</summary>
    /// <param name="body">The parsed body.</param>
    /// <param name="limits">The limits of data.</param>
    /// <param name="defaultNumber">The WhatsApp number used when none is given (WhatsApp:PhoneNumberId).</param>
    /// <param name="taxonomy">The event types known (bundled, or started by a loaded flow).</param>
    /// <param name="now">The server's time: a <c>sendAt.at</c> before it is refused.</param>
    /// <param name="problems">Where problems go, by field path.</param>
    public static EventRequest? Read(JsonElement body, EventsOptions limits, string? defaultNumber, EventTaxonomy taxonomy, DateTimeOffset now, RequestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(taxonomy);
        if (body.ValueKind != JsonValueKind.Object)
        {
            problems.Add("body", $"a JSON {body.ValueKind.ToString().ToLowerInvariant()}, not an object: {{\"type\", \"customer\", \"data\", \"idempotencyKey\"}}");
            return null;
        }

        var type = problems.String(body, "", "type", 100, required: true, "an event name such as order.shipped");
        if (type is not null && !EventName().IsMatch(type)) problems.Add("type", "an event name such as order.shipped: lower-case words and digits joined by '.' or '_'");
        else if (type is not null && !taxonomy.TryGet(type, out _))
            problems.Add("type", $"'{type}' is not an event type any flow starts on; known types: {string.Join(", ", taxonomy.Types.Keys.Order(StringComparer.Ordinal))} (a flow declares more in triggers.events)");
        var key = problems.String(body, "", "idempotencyKey", 200, required: true, "your unique key for this event (at most 200 characters); the same key is accepted once");
        var customer = CustomerAddress.Read(body, problems);
        var data = EventData.Read(body, limits, problems);
        var channel = problems.String(body, "", "channel", 20, required: false, "whatsapp or ultramsg") ?? "whatsapp";
        if (!Channels.Contains(channel)) problems.Add("channel", "whatsapp or ultramsg");
        var number = problems.String(body, "", "businessNumber", 64, required: false, "the number to send from") ?? (channel == "whatsapp" ? defaultNumber : null);
        if (number is null && Channels.Contains(channel)) problems.Add("businessNumber", "required unless WhatsApp:PhoneNumberId is configured");
        var sendAt = SendAtBody.Read(body, now, problems);
        var basis = ReadLawfulBasis(body, problems);

        if (problems.Any) return null;
        return new EventRequest
        {
            Type = type!, Customer = customer!, Data = data!, IdempotencyKey = key!, Channel = channel, BusinessNumber = number, SendAt = sendAt, LawfulBasis = basis,
        };
    }

    /// <param name="acceptedAt">Now: the message's TTL and <c>sendAt.localTime</c> count from here.</param>
    public BusinessEvent ToBusinessEvent(DateTimeOffset acceptedAt) => ToBusinessEvent() with
    {
        AcceptedAt = acceptedAt,
        SendAtLocalTime = SendAt?.LocalTime,
        SendAtInstant = SendAt?.At,
        LawfulBasis = LawfulBasis,
    };

    public BusinessEvent ToBusinessEvent() => new()
    {
        Type = Type,
        Data = Data,
        Channel = Channel,
        BusinessNumber = BusinessNumber!,
        CustomerId = Customer.Id ?? Customer.Phone!.TrimStart('+'),
        Phone = Customer.Phone,
        IdempotencyKey = IdempotencyKey,
    };

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex EventName();


    /// <summary>Who an event is for: a phone (normalised to E.164 with libphonenumber), or the customer's id on the channel (at most 128 characters).</summary>
    internal sealed record CustomerAddress(string? Phone, string? Id)
    {
        public static CustomerAddress? Read(JsonElement body, RequestProblems problems)
        {
            const string Expected = "{\"phone\": \"+15551234567\"} or {\"id\": \"<channel id>\"}";
            var customer = JsonFields.Property(body, "customer");
            if (customer is not { ValueKind: JsonValueKind.Object } address)
            {
                problems.Add("customer", customer is null or { ValueKind: JsonValueKind.Null } ? "required: " + Expected : "not an object: " + Expected);
                return null;
            }

            var before = problems.Count;
            var text = problems.String(address, "customer", "phone", 32, required: false, "a phone number such as +15551234567 (a national one needs customer.region)");
            var region = problems.String(address, "customer", "region", 2, required: false, "an ISO 3166 region such as US or GB, for a national phone number") ?? "US";
            string? phone = null;
            if (text is not null)
            {
                if (PhoneNumber.TryParse(text, region, out var parsed, out var why)) phone = parsed.E164;
                else problems.Add("customer.phone", why + " Write it in E.164, such as +15551234567, or give customer.region for a national number.");
            }

            var id = problems.String(address, "customer", "id", 128, required: false, "the customer's id on the channel");
            if (problems.Count > before) return null;
            if (phone is null && id is null) problems.Add("customer", "required: " + Expected);
            return phone is null && id is null ? null : new CustomerAddress(phone, id);
        }
    }
}
