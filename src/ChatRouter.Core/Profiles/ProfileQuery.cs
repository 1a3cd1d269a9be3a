using System.Globalization;

namespace ChatRouter.Profiles;

/// <summary>
/// A filter on profiles (a campaign audience): every attribute must equal its value, compared as text
/// (<c>tier</c> = <c>gold</c>; <c>points</c> = <c>120</c>). Results come in profile-id order, so <see cref="After"/>
/// pages through them.
/// </summary>
public sealed record ProfileQuery
{
    /// <summary>Attribute name → the value it must have; empty matches every profile.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Profiles after this id (the last id of the previous page).</summary>
    public string? After { get; init; }

    /// <summary>At most this many; null for all.</summary>
    public int? Limit { get; init; }

    /// <summary>Whether <paramref name="profile"/> has every attribute of the query.</summary>
    public bool Matches(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        foreach (var (name, value) in Attributes)
        {
            if (!profile.Attributes.TryGetValue(name, out var actual) || Text(actual) != value) return false;
        }

        return true;
    }

    /// <summary>An attribute as text, the way JSON writes a scalar (<c>true</c>, <c>120</c>, <c>0.5</c>); null for objects, lists and null.</summary>
    public static string? Text(object? value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable number and not DateTime and not DateTimeOffset => number.ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };
}
