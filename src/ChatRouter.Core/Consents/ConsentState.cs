using System.Text.Json.Serialization;

namespace ChatRouter.Consents;

/// <summary>The status a ledger entry records (wire field <c>status</c>).</summary>
public enum ConsentState
{
    /// <summary>The customer agreed (or a basis other than consent applies again).</summary>
    [JsonStringEnumMemberName("granted")]
    Granted,

    /// <summary>The customer objected or opted out.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
