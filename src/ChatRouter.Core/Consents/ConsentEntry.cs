namespace ChatRouter.Consents;

/// <summary>
/// One append-only line of a customer's consent ledger. The ledger is never edited: a change of mind is a new entry,
/// and the latest entry per purpose is the current status.
/// </summary>
/// <param name="Purpose">Marketing or transactional.</param>
/// <param name="Status">Granted or withdrawn.</param>
/// <param name="LawfulBasis">The basis the entry records.</param>
/// <param name="Source">How the entry came to be.</param>
/// <param name="Evidence">What proves it: a message id, a form id, a CRM record; free text.</param>
/// <param name="Actor">Who recorded it: <c>customer</c>, an API key's name, an agent.</param>
/// <param name="At">When it took effect.</param>
public sealed record ConsentEntry(
    ConsentPurpose Purpose,
    ConsentState Status,
    LawfulBasis LawfulBasis,
    ConsentSource Source,
    string? Evidence,
    string? Actor,
    DateTimeOffset At)
{
    /// <summary>An opt-out keyword (STOP, BAJA, SAIR, إيقاف…): both purposes withdrawn, the message id as evidence.</summary>
    public static IReadOnlyList<ConsentEntry> OptOutKeyword(string messageId, DateTimeOffset at) =>
    [
        new(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Keyword, messageId, "customer", at),
        new(ConsentPurpose.Transactional, ConsentState.Withdrawn, LawfulBasis.Contract, ConsentSource.Keyword, messageId, "customer", at),
    ];

    /// <summary>"Stop promotions": marketing alone withdrawn, the message id as evidence; order updates keep coming.</summary>
    public static ConsentEntry OptOutMarketingKeyword(string messageId, DateTimeOffset at) =>
        new(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.Keyword, messageId, "customer", at);

    /// <summary>A marketing template's opt-out button: marketing alone withdrawn, the message id as evidence.</summary>
    public static ConsentEntry OptOutMarketingButton(string messageId, DateTimeOffset at) =>
        new(ConsentPurpose.Marketing, ConsentState.Withdrawn, LawfulBasis.Consent, ConsentSource.TemplateButton, messageId, "customer", at);

    /// <summary>An opt-in keyword: marketing granted on the basis of consent, the message id as evidence.</summary>
    public static ConsentEntry OptInKeyword(string messageId, DateTimeOffset at) =>
        new(ConsentPurpose.Marketing, ConsentState.Granted, LawfulBasis.Consent, ConsentSource.Keyword, messageId, "customer", at);

    /// <summary>Meta's <c>user_preferences</c> webhook: <c>stop</c> withdraws marketing, <c>resume</c> grants it again.</summary>
    public static ConsentEntry WhatsAppPreference(bool resume, string? evidence, DateTimeOffset at) =>
        new(ConsentPurpose.Marketing, resume ? ConsentState.Granted : ConsentState.Withdrawn, LawfulBasis.Consent,
            ConsentSource.WhatsAppPreferences, evidence, "customer", at);
}
