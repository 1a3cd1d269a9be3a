using ChatRouter.Campaigns;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Campaigns;

/// <summary>Campaigns in PostgreSQL, unique by idempotency key; a phone list is one row per phone, numbered in the order given.</summary>
internal sealed class PgCampaignStore(PgDatabase db) : ICampaignStore
{
    public Task<(Campaign Campaign, bool Created)> AddAsync(Campaign campaign, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(phones);
        return db.WriteAsync(async s =>
        {
            if (await s.ExecuteBatchAsync(CampaignRows.Insert(campaign, ignoreExisting: true)) == 0)
                return ((await CampaignRows.ListAsync(s, "WHERE idempotency_key = $1", campaign.IdempotencyKey))[0], false);
            if (phones.Count > 0)
            {
                // Binary COPY: 100,000 phones in one stream rather than 100,000 statements.
                await s.FlushAsync();
                await using var writer = await s.Connection.BeginBinaryImportAsync("COPY campaign_members (campaign_id, position, phone) FROM STDIN (FORMAT BINARY)", cancellationToken);
                for (var i = 0; i < phones.Count; i++) await writer.WriteRowAsync(cancellationToken, campaign.Id, i, phones[i]);
                await writer.CompleteAsync(cancellationToken);
            }

            return (campaign, true);
        }, cancellationToken);
    }

    public Task<Campaign?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => CampaignRows.FindAsync(s, id), cancellationToken);

    public Task<IReadOnlyList<string>> MembersAsync(string campaignId, int offset, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return db.ReadAsync<IReadOnlyList<string>>(async s =>
        {
            await using var command = await s.CommandAsync(
                "SELECT phone FROM campaign_members WHERE campaign_id = $1 AND position >= $2 ORDER BY position LIMIT $3", campaignId, offset, limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var members = new List<string>(limit);
            while (await reader.ReadAsync(cancellationToken)) members.Add(reader.GetString(0));
            return members;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Campaign>> ExpandingAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<Campaign>>(async s => await CampaignRows.ListAsync(s, "WHERE state = $1 ORDER BY id", nameof(CampaignState.Expanding)), cancellationToken);

    public Task<Campaign?> UpdateAsync(string id, Func<Campaign, bool> change, CancellationToken cancellationToken) =>
        db.WriteAsync(async s =>
        {
            var campaign = await CampaignRows.FindAsync(s, id, forUpdate: true);
            if (campaign is null || !change(campaign)) return campaign;
            s.Add(CampaignRows.Upsert(campaign));
            return campaign;
        }, cancellationToken);
}
