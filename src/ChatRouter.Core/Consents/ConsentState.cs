using System.Text.Json.Serialization;

namespace ChatRouter.Consents;

/// <summary>
/// The status a ledger entry records (wire field <c>status</c>). Named apart from the older
/// <see cref="Profiles.ConsentStatus"/> so that both can be imported while storage moves to the ledger.
/// </summary>
public enum ConsentState
{
    /// <summary>The customer agreed (or a basis other than consent applies again).</summary>
    [JsonStringEnumMemberName("granted")]
    Granted,

    /// <summary>The customer objected or opted out.</summary>
    [JsonStringEnumMemberName("withdrawn")]
    Withdrawn,
}
