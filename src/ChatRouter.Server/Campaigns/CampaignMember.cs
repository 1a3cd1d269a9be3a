using ChatRouter.Campaigns;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Server.Inbox;

namespace ChatRouter.Server.Campaigns;

/// <summary>One member of a campaign's audience: how the event reaches them (channel id, phone) and the event itself.</summary>
internal readonly record struct CampaignMember(string CustomerId, string? Phone)
{
    /// <summary>A member of a phone list (E.164): on phone-based channels the customer id is the number without '+'.</summary>
    public static CampaignMember OfPhone(string e164) => new(e164.TrimStart('+'), e164);

    /// <summary>
    /// The member a matching profile makes: by its phone, else by its identity on <paramref name="channel"/>; none for
    /// a profile created after the campaign was accepted (the audience is the one counted then) or one with no address.
    /// </summary>
    public static CampaignMember? OfProfile(CustomerProfile profile, string channel, DateTimeOffset acceptedAt)
    {
        if (profile.CreatedAt > acceptedAt) return null;
        if (profile.Phone is { } phone) return OfPhone(phone);
        var prefix = channel + ":";
        var identity = profile.Identities.FirstOrDefault(i => i.StartsWith(prefix, StringComparison.Ordinal) && i.Length > prefix.Length);
        return identity is null ? null : new CampaignMember(identity[prefix.Length..], null);
    }

    /// <summary>
    /// The member's event, keyed <c>campaign:&lt;id&gt;:&lt;E.164&gt;</c>: written again after a crash, it is a
    /// duplicate the inbox drops. Its TTL runs from the campaign's acceptance.
    /// </summary>
    public EventItem ToEvent(Campaign campaign)
    {
        var key = $"campaign:{campaign.Id}:{Phone ?? CustomerId}";
        return new EventItem(new BusinessEvent
        {
            Type = campaign.EventType,
            Data = campaign.Data,
            Channel = campaign.Channel,
            BusinessNumber = campaign.BusinessNumber,
            CustomerId = CustomerId,
            Phone = Phone,
            IdempotencyKey = key,
            AcceptedAt = campaign.CreatedAt,
            SendAtLocalTime = campaign.SendAtLocalTime,
            SendAtInstant = campaign.SendAtInstant,
            LawfulBasis = campaign.LawfulBasis,
            CampaignId = campaign.Id,
        }, key);
    }
}
