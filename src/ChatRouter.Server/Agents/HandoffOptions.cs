using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Server.Agents;

/// <summary>Handoff timers (configuration section <c>Handoff</c>).</summary>
public sealed class HandoffOptions : IValidatableObject
{
    /// <summary>An unclaimed handoff older than this gets the "we'll get back to you" notice and the email/ticket downgrade. <value>Default: 15 min.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan UnclaimedTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Waiting time per queue before an SLA warning (<c>Handoff:Sla:support</c>); queues not named use <see cref="DefaultSla"/>.</summary>
    public Dictionary<string, TimeSpan> Sla { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The SLA of queues <see cref="Sla"/> does not name. <value>Default: 5 min.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan DefaultSla { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open handoffs are checked. <value>Default: 15 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The SLA of <paramref name="queue"/>.</summary>
    public TimeSpan SlaOf(string queue) => Sla.TryGetValue(queue, out var sla) ? sla : DefaultSla;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (queue, sla) in Sla.Where(s => s.Value <= TimeSpan.Zero))
            yield return new ValidationResult($"Handoff:Sla:{queue} must be a positive time span such as 00:05:00, not {sla}.", [nameof(Sla)]);
    }
}
