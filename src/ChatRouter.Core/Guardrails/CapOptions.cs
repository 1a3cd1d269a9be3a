using System.ComponentModel.DataAnnotations;

namespace ChatRouter.Guardrails;

/// <summary>One category's cap: at most <see cref="Count"/> business-initiated messages in any <see cref="Period"/>.</summary>
public sealed class CapOptions
{
    /// <summary>Messages allowed per period; 0 stops the category.</summary>
    [Range(0, 100_000)]
    public int Count { get; set; }

    /// <summary>The sliding window's length.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "366.00:00:00")]
    public TimeSpan Period { get; set; }
}
