using LiteDB;
using Npgsql;

namespace ChatRouter.Storage.Postgres;

/// <summary>How many documents of one collection were copied, and how many were there already.</summary>
public sealed record CopyCount(string Table, int Copied, int Existing);

/// <summary>
/// <c>chatrouter migrate --from-litedb FILE</c>: copies every collection of a LiteDB store into PostgreSQL, the
/// documents unchanged (both stores use one mapper). Rows already there are left as they are, so a copy
/// that stopped half-way is finished by running it again.
/// </summary>
internal sealed class LiteDbCopy(LiteDbFile file, PgDatabase db)
{
    private const int Chunk = 1000;

    public async Task<IReadOnlyList<CopyCount>> RunAsync(CancellationToken cancellationToken) =>
    [
        await CopyAsync(file.Profiles.FindAll(), PgTables.ProfileRows, cancellationToken),
        await CopyRowsAsync("identities", file.Identities.FindAll().Select(d => Row("INSERT INTO identities (identity, profile_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", d["_id"].AsString, d["profile"].AsString)), cancellationToken),
        await CopyAsync(file.Conversations.FindAll(), PgTables.ConversationRows, cancellationToken),
        await CopyAsync(file.Messages.FindAll(), PgTables.MessageRows, cancellationToken),
        await CopyAsync(file.Inbox.FindAll(), PgTables.InboxRows, cancellationToken),
        await CopyAsync(file.Outbox.FindAll(), PgTables.OutboxRows, cancellationToken),
        await CopyAsync(file.Handoffs.FindAll(), PgTables.HandoffRows, cancellationToken),
        await CopyAsync(file.Downgrades.FindAll(), PgTables.DowngradeRows, cancellationToken),
        await CopyAsync(file.Templates.FindAll(), PgTables.TemplateRows, cancellationToken),
        await CopyAsync(file.Consents.FindAll(), PgTables.ConsentRows, cancellationToken),
        await CopyAsync(file.Audit.FindAll(), PgTables.AuditRows, cancellationToken),
        await CopyAsync(file.Scheduled.FindAll(), PgTables.ScheduledRows, cancellationToken),
        await CopyRowsAsync("settings", file.Settings.FindAll().Select(d => Row("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING", d["_id"].AsString, d["value"].AsString)), cancellationToken),
        await CopyAsync(file.Campaigns.FindAll(), PgTables.CampaignRows, cancellationToken),
        await CopyRowsAsync("campaign_members", file.CampaignMembers.FindAll().SelectMany(Members), cancellationToken),
        await CopyAsync(file.Review.FindAll(), PgTables.ReviewRows, cancellationToken),
        await CopyAsync(file.ReviewChanges.FindAll(), PgTables.ReviewChangeRows, cancellationToken),
    ];

    // A chunk document "campaign:0000003" holds positions 3000..3999 of the campaign's list.
    private static IEnumerable<NpgsqlBatchCommand> Members(BsonDocument chunk)
    {
        var id = chunk["_id"].AsString;
        var split = id.LastIndexOf(':');
        var first = int.Parse(id[(split + 1)..], System.Globalization.CultureInfo.InvariantCulture) * Storage.Campaigns.LiteDbCampaignStore.ChunkSize;
        var phones = chunk["phones"].AsArray;
        for (var i = 0; i < phones.Count; i++)
            yield return Row("INSERT INTO campaign_members (campaign_id, position, phone) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", id[..split], first + i, phones[i].AsString);
    }

    private static NpgsqlBatchCommand Row(string sql, params object[] args) => PgSql.Batch(sql, args);

    private Task<CopyCount> CopyAsync<T>(IEnumerable<T> documents, PgTable<T> table, CancellationToken cancellationToken)
        where T : class => CopyRowsAsync(table.Name, documents.Select(d => table.Insert(d, ignoreExisting: true)), cancellationToken);

    private async Task<CopyCount> CopyRowsAsync(string name, IEnumerable<NpgsqlBatchCommand> rows, CancellationToken cancellationToken)
    {
        int copied = 0, total = 0;
        // Materialised first: LiteDB's cursors belong to the thread that opened them, and the awaits below may resume on another.
        foreach (var chunk in rows.ToList().Chunk(Chunk))
        {
            total += chunk.Length;
            copied += await db.WriteAsync(async s =>
            {
                await using var batch = await s.BatchAsync();
                foreach (var row in chunk) batch.BatchCommands.Add(row);
                return await batch.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
        }

        return new CopyCount(name, copied, total - copied);
    }
}
