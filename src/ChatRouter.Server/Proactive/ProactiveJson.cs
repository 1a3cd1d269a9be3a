using System.Text.Json;
using ChatRouter.Messaging;

namespace ChatRouter.Server.Proactive;

/// <summary>A business event as a scheduled send stores it, and back with plain data values (what flows read as slots).</summary>
internal static class ProactiveJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(BusinessEvent businessEvent) => JsonSerializer.Serialize(businessEvent, Json);

    public static BusinessEvent Read(string json) => Plain(JsonSerializer.Deserialize<BusinessEvent>(json, Json)
        ?? throw new InvalidOperationException("A scheduled send holds no event."));

    /// <summary>Event data read back from JSON (inbox or schedule) is JSON elements; flows expect plain values.</summary>
    public static BusinessEvent Plain(BusinessEvent stored) => stored with
    {
        Data = stored.Data.ToDictionary(p => p.Key, p => p.Value is JsonElement json ? JsonValues.ToValue(json) : p.Value, StringComparer.Ordinal),
    };
}
