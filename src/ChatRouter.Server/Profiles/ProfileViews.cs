using ChatRouter.Consents;
using ChatRouter.Guardrails;
using ChatRouter.Identity;
using ChatRouter.Profiles;
using ChatRouter.Server.Agents;
using ChatRouter.Wire;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>The JSON shapes of the profiles API (docs: README "Profiles and consent"; operations contract).</summary>
internal static class ProfileViews
{
    public sealed record ProfileView(
        string Id, string? Phone, IReadOnlyList<string> CustomerIds, string? ExternalId, string? Name, string? Locale,
        string TimeZone, string TimeZoneSource, IReadOnlyDictionary<string, object?> Attributes, ConsentView Consent,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record ConsentView(AgentViews.ConsentMarkView? Marketing, AgentViews.ConsentMarkView? Transactional);

    public sealed record ConsentEntryView(string Id, string Purpose, string Status, string LawfulBasis, string Source, string? Evidence, string? Actor, DateTimeOffset At);

    /// <summary>The profile with its effective time zone: its own, else its phone's country's, else <paramref name="guardrails"/>' default.</summary>
    public static ProfileView Of(CustomerProfile profile, GuardrailOptions guardrails)
    {
        var phone = profile.Phone is { } e164 && PhoneNumber.TryFromChannelId(e164.TrimStart('+'), out var parsed, out _) ? parsed : null;
        // The guardrails validate their default at start; a default that fails anyway must not break reading a profile.
        var fallback = CustomerTimeZone.IsKnown(guardrails.DefaultTimeZone, out _) ? guardrails.DefaultTimeZone : "UTC";
        var zone = CustomerTimeZone.Resolve(profile.TimeZone, phone, fallback);
        return new ProfileView(
            profile.Id,
            profile.Phone,
            profile.Identities,
            profile.ExternalId,
            profile.Name,
            profile.Locale,
            zone.Id,
            WireName.Of(zone.Source),
            profile.Attributes,
            new ConsentView(AgentViews.Mark(profile.Consent.Marketing), AgentViews.Mark(profile.Consent.Transactional)),
            profile.CreatedAt,
            profile.UpdatedAt);
    }

    public static ConsentEntryView Of(ConsentRecord record) => new(
        record.Id, WireName.Of(record.Purpose), WireName.Of(record.Status), WireName.Of(record.LawfulBasis), WireName.Of(record.Source),
        record.Evidence, record.Actor, record.At);
}
