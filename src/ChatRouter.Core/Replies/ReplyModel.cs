using System.Collections;
using ChatRouter.Conversations;
using ChatRouter.Profiles;
using Scriban.Runtime;

namespace ChatRouter.Replies;

/// <summary>
/// The variables reply templates and flow expressions see: <c>customer</c>, <c>profile</c>, <c>attributes</c>,
/// <c>slots</c>, <c>event</c>, <c>digest</c> (the items of a digest message), <c>flow</c>, <c>state</c>, <c>locale</c> and
/// <c>now</c> (in the customer's time zone).
/// </summary>
internal static class ReplyModel
{
    public static readonly string[] TopLevelNames = ["customer", "profile", "attributes", "slots", "event", "digest", "flow", "state", "locale", "now"];

    public static ScriptObject Build(
        CustomerProfile profile, Conversation conversation, string locale, DateTimeOffset now, IReadOnlyDictionary<string, object?>? eventData, string? eventType,
        IReadOnlyList<string>? digestItems = null, string? digestCategory = null)
    {
        var firstName = profile.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var customer = new ScriptObject
        {
            ["name"] = profile.Name,
            ["first_name"] = firstName,
            ["phone"] = profile.Phone,
            ["locale"] = locale,
        };
        var profileObject = new ScriptObject
        {
            ["name"] = profile.Name,
            ["phone"] = profile.Phone,
            ["locale"] = profile.Locale,
            ["time_zone"] = profile.TimeZone,
            ["consent"] = profile.Consent.Summary(),
        };
        return new ScriptObject
        {
            ["customer"] = customer,
            ["profile"] = profileObject,
            ["attributes"] = ToScript(profile.Attributes),
            ["slots"] = ToScript(conversation.Slots),
            ["event"] = eventType is null ? null : new ScriptObject { ["type"] = eventType, ["data"] = ToScript(eventData ?? new Dictionary<string, object?>()) },
            ["digest"] = digestItems is null ? null : new ScriptObject { ["items"] = new ScriptArray(digestItems), ["count"] = digestItems.Count, ["category"] = digestCategory },
            ["flow"] = conversation.FlowId,
            ["state"] = conversation.State,
            ["locale"] = locale,
            ["now"] = LocalTime(now, profile.TimeZone),
        };
    }

    /// <summary>Plausible values for validating templates without a conversation.</summary>
    public static ScriptObject Sample(string locale, string flowId)
    {
        var profile = new CustomerProfile { Name = "Alexandra Silva", Phone = "+15550100", Locale = locale };
        var conversation = new Conversation { FlowId = flowId, State = "start" };
        return Build(profile, conversation, locale, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), null, null);
    }

    /// <summary>Converts stored values (dictionaries, lists, dates) into what Scriban navigates.</summary>
    public static object? ToScriptValue(object? value) => value switch
    {
        null => null,
        string or bool or int or long or double or decimal or float => value,
        DateTimeOffset dto => dto.DateTime,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        IDictionary<string, object?> map => ToScript(map),
        IDictionary map => ToScript(map.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, System.Globalization.CultureInfo.InvariantCulture)!, k => map[k])),
        IEnumerable items => new ScriptArray(items.Cast<object?>().Select(ToScriptValue)),
        _ => value,
    };

    private static ScriptObject ToScript(IEnumerable<KeyValuePair<string, object?>> values)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in values) result[key] = ToScriptValue(value);
        return result;
    }

    private static DateTime LocalTime(DateTimeOffset now, string? timeZone)
    {
        if (timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
            return TimeZoneInfo.ConvertTime(now, zone).DateTime;
        return now.UtcDateTime;
    }
}
