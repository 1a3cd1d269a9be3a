using ChatRouter.Campaigns;
using LiteDB;

namespace ChatRouter.Storage.Campaigns;

/// <summary>Campaigns in a <see cref="LiteDbFile"/>, unique by idempotency key; a phone list is kept in numbered chunks beside its campaign.</summary>
internal sealed class LiteDbCampaignStore(LiteDbFile file) : ICampaignStore
{
    /// <summary>Phones per chunk document: 1,000 E.164 numbers are about 20 KB, far below LiteDB's document limit.</summary>
    public const int ChunkSize = 1000;

    public Task<(Campaign Campaign, bool Created)> AddAsync(Campaign campaign, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(phones);
        return file.Writer.WriteAsync(_ =>
        {
            var existing = file.Campaigns.FindOne(c => c.IdempotencyKey == campaign.IdempotencyKey);
            if (existing is not null) return (existing, false);
            file.Campaigns.Insert(campaign);
            for (var start = 0; start < phones.Count; start += ChunkSize)
            {
                var chunk = new BsonArray();
                for (var i = start; i < Math.Min(start + ChunkSize, phones.Count); i++) chunk.Add(phones[i]);
                file.CampaignMembers.Insert(new BsonDocument { ["_id"] = ChunkId(campaign.Id, start / ChunkSize), ["phones"] = chunk });
            }

            return (campaign, true);
        });
    }

    public Task<Campaign?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<Campaign?>(file.Campaigns.FindById(id));

    public Task<IReadOnlyList<string>> MembersAsync(string campaignId, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var members = new List<string>(limit);
        for (var chunk = offset / ChunkSize; members.Count < limit; chunk++)
        {
            if (file.CampaignMembers.FindById(ChunkId(campaignId, chunk)) is not { } document) break;
            var phones = document["phones"].AsArray;
            for (var i = chunk == offset / ChunkSize ? offset % ChunkSize : 0; i < phones.Count && members.Count < limit; i++) members.Add(phones[i].AsString);
        }

        return Task.FromResult<IReadOnlyList<string>>(members);
    }

    public Task<IReadOnlyList<Campaign>> ExpandingAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Campaign>>(file.Campaigns.Find(c => c.State == CampaignState.Expanding).OrderBy(c => c.Id, StringComparer.Ordinal).ToList());

    public Task<Campaign?> UpdateAsync(string id, Func<Campaign, bool> change, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var campaign = file.Campaigns.FindById(id);
            if (campaign is null || !change(campaign)) return campaign;
            file.Campaigns.Update(campaign);
            return campaign;
        });

    // Zero-padded so a campaign's chunks sort in order.
    private static string ChunkId(string campaignId, int chunk) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{campaignId}:{chunk:D7}");
}
