using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace ChatRouter.Guardrails;

/// <summary>
/// Event type → <see cref="ContentClass"/>: the bundled types of the contract, plus what flows declare with
/// <see cref="With"/>. Immutable, so a catalog reload builds a new one and readers never see half of it.
/// </summary>
public sealed class EventTaxonomy
{
    private readonly ImmutableDictionary<string, ContentClass> _types;

    private EventTaxonomy(ImmutableDictionary<string, ContentClass> types) => _types = types;

    /// <summary>
    /// <c>order.shipped</c> transactional/normal, <c>order.delayed</c> transactional/high, <c>cart.abandoned</c>
    /// marketing/normal, <c>loyalty.points_expiring</c> and <c>nps.due</c> marketing/low.
    /// </summary>
    public static EventTaxonomy Bundled { get; } = new(ImmutableDictionary.CreateRange(StringComparer.Ordinal,
    [
        new KeyValuePair<string, ContentClass>("order.shipped", new(ContentCategory.Transactional, Urgency.Normal)),
        new("order.delayed", new(ContentCategory.Transactional, Urgency.High)),
        new("cart.abandoned", new(ContentCategory.Marketing, Urgency.Normal)),
        new("loyalty.points_expiring", new(ContentCategory.Marketing, Urgency.Low)),
        new("nps.due", new(ContentCategory.Marketing, Urgency.Low)),
    ]));

    /// <summary>Every known event type and its class.</summary>
    public IReadOnlyDictionary<string, ContentClass> Types => _types;

    /// <summary>A taxonomy where <paramref name="eventType"/> has <paramref name="content"/>; a flow's declaration replaces a bundled one.</summary>
    public EventTaxonomy With(string eventType, ContentClass content)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentNullException.ThrowIfNull(content);
        return new EventTaxonomy(_types.SetItem(eventType, content));
    }

    /// <summary>The class of <paramref name="eventType"/> (ordinal match), if known.</summary>
    public bool TryGet(string eventType, [NotNullWhen(true)] out ContentClass? content) => _types.TryGetValue(eventType, out content);
}
