using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization;

namespace ChatRouter.Wire;

/// <summary>
/// The wire spelling of the contract's enums (<c>legitimate_interest</c>, <c>whatsapp_preferences</c>), read from each
/// member's <see cref="JsonStringEnumMemberNameAttribute"/> so that JSON serialization and parsing agree.
/// </summary>
public static class WireName
{
    /// <summary>The wire name of <paramref name="value"/>, e.g. <c>marketing</c>.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Table<TEnum>.ByValue[value];

    /// <summary>Every wire name of <typeparamref name="TEnum"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<TEnum>() where TEnum : struct, Enum => Table<TEnum>.Names;

    /// <summary>
    /// Parses a wire name exactly (ordinal: machine strings are case-sensitive). On failure <paramref name="error"/>
    /// names <paramref name="field"/>, the value given and the allowed values.
    /// </summary>
    public static bool TryParse<TEnum>(string field, string? text, out TEnum value, [NotNullWhen(false)] out WireError? error)
        where TEnum : struct, Enum
    {
        if (text is not null && Table<TEnum>.ByName.TryGetValue(text, out value))
        {
            error = null;
            return true;
        }

        value = default;
        var allowed = string.Join(", ", Table<TEnum>.Names);
        error = new WireError(field, text is null
            ? $"is required; one of {allowed}."
            : $"must be one of {allowed}; got '{text}'.");
        return false;
    }

    // One reflection pass per enum type; the tables are read-only afterwards, so sharing them across threads is safe.
    private static class Table<TEnum> where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ByValue = Build();
        public static readonly Dictionary<string, TEnum> ByName = ByValue.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
        public static readonly string[] Names = [.. ByValue.Values];

        private static Dictionary<TEnum, string> Build() =>
            typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static).ToDictionary(
                f => (TEnum)f.GetValue(null)!,
                f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
                    ?? throw new InvalidOperationException($"{typeof(TEnum).Name}.{f.Name} has no [JsonStringEnumMemberName]; every wire enum member names its wire spelling."));
    }
}
