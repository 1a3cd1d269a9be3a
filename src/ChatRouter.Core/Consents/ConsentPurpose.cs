using System.Text.Json.Serialization;

namespace ChatRouter.Consents;

/// <summary>What a consent entry is about (wire field <c>purpose</c>); one per content category.</summary>
public enum ConsentPurpose
{
    /// <summary>Promotions, cart recovery, surveys.</summary>
    [JsonStringEnumMemberName("marketing")]
    Marketing,

    /// <summary>Order and account updates.</summary>
    [JsonStringEnumMemberName("transactional")]
    Transactional,
}
