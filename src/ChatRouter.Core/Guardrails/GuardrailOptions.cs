using System.ComponentModel.DataAnnotations;
using ChatRouter.Identity;
using ChatRouter.Wire;

namespace ChatRouter.Guardrails;

/// <summary>Quiet hours, caps and digests for business-initiated messages (configuration section <c>Guardrails</c>).</summary>
public sealed class GuardrailOptions : IValidatableObject
{
    /// <summary>The configuration section: <c>Guardrails</c>.</summary>
    public const string SectionName = "Guardrails";

    /// <summary>Customer-local hours when normal and low messages wait (<c>Guardrails:QuietHours:*</c>).</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();

    /// <summary>
    /// Sliding-window caps per customer, keyed by category (<c>Guardrails:Caps:marketing:Count</c>).
    /// <value>Default: marketing 2 per 7 days, transactional 10 per day.</value>
    /// </summary>
    public Dictionary<string, CapOptions> Caps { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["marketing"] = new() { Count = 2, Period = TimeSpan.FromDays(7) },
        ["transactional"] = new() { Count = 10, Period = TimeSpan.FromDays(1) },
    };

    /// <summary>How long the first low message of a customer waits for others to join its digest. <value>Default: 6 h.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan DigestWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The approved WhatsApp message template (one body parameter: the items on one line) a digest of each category is
    /// sent as once the customer's 24-hour window has lapsed, keyed by category (<c>Guardrails:DigestTemplates:marketing</c>).
    /// <value>Default: marketing <c>updates_digest</c>, transactional <c>account_updates_digest</c>.</value>
    /// </summary>
    public Dictionary<string, string> DigestTemplates { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["marketing"] = "updates_digest",
        ["transactional"] = "account_updates_digest",
    };

    /// <summary>The IANA zone used when neither the profile nor the phone gives one. <value>Default: <c>UTC</c>.</value></summary>
    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Checks what attributes cannot: the caps' keys and values, and that the default zone is a TZDB id.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!CustomerTimeZone.IsKnown(DefaultTimeZone, out var zoneError))
            yield return new ValidationResult($"Guardrails:DefaultTimeZone: {zoneError}", [nameof(DefaultTimeZone)]);
        foreach (var (key, cap) in Caps)
        {
            if (!WireName.TryParse<ContentCategory>($"Guardrails:Caps:{key}", key, out _, out var keyError))
                yield return new ValidationResult(keyError.ToString(), [nameof(Caps)]);
            var results = new List<ValidationResult>();
            if (cap is null || !Validator.TryValidateObject(cap, new ValidationContext(cap), results, validateAllProperties: true))
            {
                foreach (var result in results.DefaultIfEmpty(new ValidationResult("is empty; give Count and Period.")))
                    yield return new ValidationResult($"Guardrails:Caps:{key}: {result.ErrorMessage}", [nameof(Caps)]);
            }
        }

        foreach (var key in DigestTemplates.Keys)
        {
            if (!WireName.TryParse<ContentCategory>($"Guardrails:DigestTemplates:{key}", key, out _, out var keyError))
                yield return new ValidationResult(keyError.ToString(), [nameof(DigestTemplates)]);
        }

        var quiet = new List<ValidationResult>();
        if (QuietHours is null)
            quiet.Add(new ValidationResult("Guardrails:QuietHours is empty; give Start and End.", [nameof(QuietHours)]));
        else
            Validator.TryValidateObject(QuietHours, new ValidationContext(QuietHours), quiet, validateAllProperties: true);
        foreach (var result in quiet)
            yield return result;
    }

    /// <summary>The digest template of <paramref name="category"/>.</summary>
    public string DigestTemplateFor(ContentCategory category) =>
        DigestTemplates.TryGetValue(WireName.Of(category), out var name) && !string.IsNullOrWhiteSpace(name) ? name : Defaults.DigestTemplates[WireName.Of(category)];

    /// <summary>The longest cap period: how far back past sends matter.</summary>
    public TimeSpan LongestCapPeriod => Enum.GetValues<ContentCategory>().Max(c => CapFor(c).Period);

    internal CapOptions CapFor(ContentCategory category) =>
        Caps.TryGetValue(WireName.Of(category), out var cap) && cap is not null ? cap : Defaults.Caps[WireName.Of(category)];

    private static class Defaults
    {
        public static readonly Dictionary<string, CapOptions> Caps = new GuardrailOptions().Caps;
        public static readonly Dictionary<string, string> DigestTemplates = new GuardrailOptions().DigestTemplates;
    }
}
