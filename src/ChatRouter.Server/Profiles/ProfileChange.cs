using System.Globalization;
using System.Text.Json;
using ChatRouter.Identity;
using ChatRouter.Profiles;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>
/// The body of <c>PUT /api/profiles/{phone}</c>: <c>externalId</c>, <c>name</c>, <c>locale</c>, <c>timeZone</c> and
/// <c>attributes</c>, all optional. A field left out keeps its value and null clears it; <c>attributes</c> are
/// merged key by key (a key set to null is removed), so two systems can each keep their own attributes.
/// </summary>
internal sealed class ProfileChange
{
    public const int MaxText = 256;
    public const int MaxAttributes = 100;

    private static readonly string[] Fields = ["externalId", "name", "locale", "timeZone", "attributes"];
    private readonly List<Action<CustomerProfile>> _steps = [];

    private ProfileChange()
    {
    }

    /// <summary>Reads the body; on failure <paramref name="errors"/> has every bad field with its fix.</summary>
    /// <param name="body">The request body (null when empty).</param>
    /// <param name="locales">The flows' locales, offered as examples when a locale is unknown.</param>
    /// <param name="change">The change to apply.</param>
    /// <param name="errors">Problems by field.</param>
    public static bool TryRead(JsonElement? body, IReadOnlyList<string> locales, out ProfileChange change, out Dictionary<string, string[]> errors)
    {
        var json = new JsonBody(body, Fields);
        change = new ProfileChange();
        if (json.String("externalId", MaxText) is (true, var externalId)) change._steps.Add(p => p.ExternalId = externalId);
        if (json.String("name", MaxText) is (true, var name)) change._steps.Add(p => p.Name = name);
        if (json.String("locale", 35) is (true, var locale))
        {
            if (locale is null) change._steps.Add(p => p.Locale = null);
            else if (TryLocale(locale, out var canonical)) change._steps.Add(p => p.Locale = canonical);
            else json.Add("locale", $"'{locale}' is not a known locale; use a BCP 47 tag such as {string.Join(", ", locales.DefaultIfEmpty("en").Take(4))}.");
        }

        if (json.String("timeZone", 64) is (true, var zone))
        {
            if (zone is null || CustomerTimeZone.IsKnown(zone, out var zoneError)) change._steps.Add(p => p.TimeZone = zone);
            else json.Add("timeZone", zoneError);
        }

        if (json.Value("attributes") is { } attributes) ReadAttributes(attributes, json, change._steps);
        errors = json.Errors;
        return errors.Count == 0;
    }

    public void ApplyTo(CustomerProfile profile)
    {
        foreach (var step in _steps) step(profile);
    }

    /// <summary>A locale .NET knows (with ICU), in its canonical case: <c>pt-br</c> → <c>pt-BR</c>.</summary>
    private static bool TryLocale(string text, out string canonical)
    {
        canonical = "";
        try
        {
            var culture = CultureInfo.GetCultureInfo(text, predefinedOnly: true);
            canonical = culture.Name;
            return canonical.Length > 0;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static void ReadAttributes(JsonElement attributes, JsonBody json, List<Action<CustomerProfile>> steps)
    {
        if (attributes.ValueKind == JsonValueKind.Null)
        {
            steps.Add(p => p.Attributes.Clear());
            return;
        }

        if (attributes.ValueKind != JsonValueKind.Object)
        {
            json.Add("attributes", "must be an object of name → value (a value of null removes that attribute), or null to remove them all.");
            return;
        }

        var changes = attributes.EnumerateObject().ToList();
        if (changes.Count > MaxAttributes) json.Add("attributes", $"at most {MaxAttributes} attributes per request; this has {changes.Count}.");
        foreach (var property in changes)
        {
            if (property.Name.Trim().Length == 0 || property.Name.Length > 64)
            {
                json.Add("attributes", $"'{property.Name}' is not a usable attribute name; give 1 to 64 characters.");
                continue;
            }

            var value = property.Value.ValueKind == JsonValueKind.Null ? null : JsonValues.ToValue(property.Value);
            steps.Add(p =>
            {
                if (value is null) p.Attributes.Remove(property.Name);
                else p.Attributes[property.Name] = value;
            });
        }
    }
}
