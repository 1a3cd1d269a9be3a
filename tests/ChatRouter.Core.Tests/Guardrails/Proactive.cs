using ChatRouter.Consents;
using ChatRouter.Guardrails;

namespace ChatRouter.Core.Tests.Guardrails;

/// <summary>Builders for guardrail inputs (R20): a message of a bundled event type, a customer who opted in.</summary>
internal static class Proactive
{
    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static ProactiveMessage Message(string eventType, DateTimeOffset createdAt, string id = "m1", SendAt? sendAt = null) => new()
    {
        Id = id,
        EventType = eventType,
        Content = EventTaxonomy.Bundled.TryGet(eventType, out var content) ? content : throw new ArgumentException(eventType),
        CreatedAt = createdAt,
        SendAt = sendAt,
    };

    public static GuardrailCustomer Customer(string timeZone = "Europe/London", params PastSend[] sends) => new()
    {
        TimeZone = timeZone,
        Consent = [new ConsentEntry(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Flow, "wamid.optin", "customer", Utc(2025, 1, 1, 0))],
        Sends = sends,
    };

    public static GuardrailPolicy Policy(Action<GuardrailOptions>? configure = null, EventOptions? events = null)
    {
        var options = new GuardrailOptions();
        configure?.Invoke(options);
        return new GuardrailPolicy(options, events ?? new EventOptions());
    }

    /// <summary>No jitter, so that instants can be asserted exactly.</summary>
    public static GuardrailPolicy ExactPolicy(Action<GuardrailOptions>? configure = null, EventOptions? events = null) =>
        Policy(o =>
        {
            o.QuietHours.MaxJitter = TimeSpan.Zero;
            configure?.Invoke(o);
        }, events);
}
