using System.Text.Json.Serialization;

namespace ChatRouter.Guardrails;

/// <summary>How soon a business-initiated message must reach the customer (wire <c>urgency</c>).</summary>
public enum Urgency
{
    /// <summary>Goes at once, through quiet hours; transactional ones are never capped.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>Waits for the end of quiet hours; over the cap it is capped.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Goes in the customer's next digest, outside quiet hours.</summary>
    [JsonStringEnumMemberName("low")]
    Low,
}
