namespace ChatRouter.Campaigns;

/// <summary>Durable campaigns and the phone lists of their audiences.</summary>
public interface ICampaignStore
{
    /// <summary>
    /// Stores <paramref name="campaign"/> with its audience <paramref name="phones"/> (E.164, in order; empty for an
    /// attribute audience), atomically, unless a campaign with its idempotency key exists: then that one is returned,
    /// and <c>Created</c> is false.
    /// </summary>
    Task<(Campaign Campaign, bool Created)> AddAsync(Campaign campaign, IReadOnlyList<string> phones, CancellationToken cancellationToken);

    /// <summary>A campaign by id, or null.</summary>
    Task<Campaign?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> phones of a campaign's list from position <paramref name="offset"/> (0-based), in the order given.</summary>
    Task<IReadOnlyList<string>> MembersAsync(string campaignId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Campaigns still in <see cref="CampaignState.Expanding"/>, oldest first (what a restart resumes).</summary>
    Task<IReadOnlyList<Campaign>> ExpandingAsync(CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the stored campaign atomically (false leaves it as it was) and returns it; null when unknown.</summary>
    Task<Campaign?> UpdateAsync(string id, Func<Campaign, bool> change, CancellationToken cancellationToken);
}
