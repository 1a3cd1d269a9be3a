namespace ChatRouter.Campaigns;

/// <summary>
/// What became of a campaign's messages, counted from their audit records: records per guardrail decision (wire
/// names), those delivered (read included) and read, and those the provider refused for good (decision <c>failed</c>).
/// </summary>
public sealed record CampaignCounts(IReadOnlyDictionary<string, int> Decisions, int Delivered, int Read, int Failed)
{
    /// <summary>Nothing yet.</summary>
    public static CampaignCounts None { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), 0, 0, 0);
}
