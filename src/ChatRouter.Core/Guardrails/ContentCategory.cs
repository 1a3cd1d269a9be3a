using System.Text.Json.Serialization;

namespace ChatRouter.Guardrails;

/// <summary>What a business-initiated message is (wire <c>category</c>); decides the consent purpose and the cap.</summary>
public enum ContentCategory
{
    /// <summary>Order and account updates the customer expects.</summary>
    [JsonStringEnumMemberName("transactional")]
    Transactional,

    /// <summary>Promotions, recovery, surveys: needs marketing consent.</summary>
    [JsonStringEnumMemberName("marketing")]
    Marketing,
}
