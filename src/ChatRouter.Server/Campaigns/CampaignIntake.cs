using System.Text.Json;
using ChatRouter.Campaigns;
using ChatRouter.Conversations;
using ChatRouter.Guardrails;
using ChatRouter.Profiles;
using ChatRouter.Server.Channels;
using ChatRouter.Server.Channels.WhatsApp;
using ChatRouter.Server.Events;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// Accepts a campaign: every field checked (400 with each problem and its fix), the audience resolved and counted
/// (an empty one is a 400), the campaign stored under its idempotency key, and only then answered; the members are
/// written by <see cref="CampaignExpander"/> afterwards. Memory grows with the audience only for a phone list sent
/// in the body; an attribute audience is counted a page of profiles at a time.
/// </summary>
internal sealed class CampaignIntake(
    ICampaignStore campaigns,
    IConversationStore profiles,
    CampaignExpander expander,
    IServiceProvider services,
    IOptionsMonitor<EventsOptions> events,
    IOptionsMonitor<CampaignsOptions> options,
    IOptionsMonitor<WhatsAppOptions> whatsApp,
    TimeProvider time)
{
    /// <summary>The outcome: problems by field, or the campaign (new or the one stored under the same key before).</summary>
    public sealed record Outcome(Dictionary<string, string[]>? Problems, Campaign? Campaign, bool Created);

    public async Task<Outcome> AcceptAsync(byte[] body, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var problems = new RequestProblems();
        // The flows' declared event types once the guardrail gate registers them; the contract's bundled ones until then.
        var taxonomy = services.GetService<EventTaxonomy>() ?? EventTaxonomy.Bundled;
        var context = new CampaignContext(events.CurrentValue, taxonomy, options.CurrentValue.DefaultRegion, whatsApp.CurrentValue.PhoneNumberId, now);
        CampaignRequest? read;
        try
        {
            using var document = JsonStrings.Parse(body, out _);
            read = CampaignRequest.Read(document.RootElement, context, problems);
        }
        catch (JsonException e)
        {
            problems.Add("body", $"not JSON, or nested deeper than {JsonStrings.MaxDepth} levels: {e.Message}");
            read = null;
        }

        if (read is null) return new Outcome(problems.ToDictionary(), null, false);

        var size = read.Audience.Phones?.Count ?? await CountAsync(read.Audience.Attributes!, read.Channel, now, cancellationToken);
        if (size == 0)
        {
            problems.Add("audience.attributes", $"no profile has {string.Join(" and ", read.Audience.Attributes!.Select(a => $"{a.Key} = '{a.Value}'"))} (values compared as text); check the names and values, or send a phone list");
            return new Outcome(problems.ToDictionary(), null, false);
        }

        var (campaign, created) = await campaigns.AddAsync(read.ToCampaign(size, now), read.Audience.Phones ?? [], cancellationToken);
        if (created) expander.Enqueue(campaign.Id);
        return new Outcome(null, campaign, created);
    }

    private async Task<int> CountAsync(IReadOnlyDictionary<string, string> attributes, string channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var profile in profiles.ListProfilesAsync(new ProfileQuery { Attributes = attributes }, cancellationToken))
        {
            if (CampaignMember.OfProfile(profile, channel, now) is not null) count++;
        }

        return count;
    }
}
