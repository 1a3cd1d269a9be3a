using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Guardrails;

/// <summary>Per event type settings (configuration section <c>Events</c>).</summary>
public sealed class EventOptions : IValidatableObject
{
    /// <summary>The configuration section: <c>Events</c>.</summary>
    public const string SectionName = "Events";

    /// <summary>How long a message of an event type stays sendable, keyed by event type (<c>Events:Ttl:order.shipped</c>).</summary>
    public Dictionary<string, TimeSpan> Ttl { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The TTL of event types <see cref="Ttl"/> does not name (<c>Events:DefaultTtl</c>). <value>Default: 2 days.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "366.00:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The TTL of <paramref name="eventType"/>.</summary>
    public TimeSpan TtlFor(string eventType) => Ttl.TryGetValue(eventType, out var ttl) ? ttl : DefaultTtl;

    /// <summary>Every TTL is positive.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (type, ttl) in Ttl)
        {
            if (ttl <= TimeSpan.Zero)
                yield return new ValidationResult($"Events:Ttl:{type} must be positive, e.g. 2.00:00:00; got {ttl}.", [nameof(Ttl)]);
        }
    }
}
