using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Guardrails;

/// <summary>Customer-local quiet hours (<c>Guardrails:QuietHours</c>); Start after End spans midnight, Start equal to End means none.</summary>
public sealed class QuietHoursOptions : IValidatableObject
{
    /// <summary>When quiet hours begin, customer-local. <value>Default: 21:00.</value></summary>
    public TimeOnly Start { get; set; } = new(21, 0);

    /// <summary>When they end; deferred messages go then, plus a jitter. <value>Default: 08:00.</value></summary>
    public TimeOnly End { get; set; } = new(8, 0);

    /// <summary>
    /// The largest jitter added to <see cref="End"/> so that a night's messages do not all go in the same second; fixed per
    /// message id. <value>Default: 10 min.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxJitter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Start and End are whole minutes.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Start.Second != 0 || Start.Millisecond != 0 || End.Second != 0 || End.Millisecond != 0)
            yield return new ValidationResult("Guardrails:QuietHours: Start and End are HH:mm, whole minutes.", [nameof(Start), nameof(End)]);
    }
}
