using System.Text.Json.Serialization;

namespace ChatRouter.Consents;

/// <summary>The GDPR Article 6 basis a send relies on (wire field <c>lawfulBasis</c>).</summary>
public enum LawfulBasis
{
    /// <summary>The customer opted in.</summary>
    [JsonStringEnumMemberName("consent")]
    Consent,

    /// <summary>Needed to perform a contract with the customer, e.g. an order; the default for transactional sends.</summary>
    [JsonStringEnumMemberName("contract")]
    Contract,

    /// <summary>The business's legitimate interest, balanced against the customer's.</summary>
    [JsonStringEnumMemberName("legitimate_interest")]
    LegitimateInterest,

    /// <summary>Required by law, e.g. a product recall.</summary>
    [JsonStringEnumMemberName("legal_obligation")]
    LegalObligation,
}
