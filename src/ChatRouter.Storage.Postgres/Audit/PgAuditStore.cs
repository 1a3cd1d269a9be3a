using System.Runtime.CompilerServices;
using System.Text;
using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Guardrails;
using ChatRouter.Wire;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Audit;

/// <summary>The outbound audit in PostgreSQL, indexed by customer, time and campaign.</summary>
internal sealed class PgAuditStore(PgDatabase db) : IAuditStore
{
    private const int Page = 500;
    private static readonly string Sent = WireName.Of(Decision.Sent);
    private static readonly string Failed = WireName.Of(Decision.Failed);

    public Task AddAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Count == 0 ? Task.CompletedTask : db.WriteAsync(s => Add(s, records), cancellationToken);
    }

    public Task<AuditRecord?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => AuditRows.FindAsync(s, id), cancellationToken);

    public Task<AuditRecord?> UpdateAsync(string id, Func<AuditRecord, bool> change, CancellationToken cancellationToken) =>
        db.WriteAsync(async s =>
        {
            var record = await AuditRows.FindAsync(s, id, forUpdate: true);
            if (record is null || !change(record)) return record;
            s.Add(AuditRows.Upsert(record));
            return record;
        }, cancellationToken);

    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var left = query.Limit ?? int.MaxValue;
        var after = query.After ?? "";
        while (left > 0)
        {
            // Paged by id, so an export of millions holds no connection between pages.
            var (condition, args) = Condition(query, after, Math.Min(left, Page));
            var page = await db.ReadAsync(s => AuditRows.ListAsync(s, condition, args), cancellationToken);
            foreach (var record in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return record;
            }

            left -= page.Count;
            if (page.Count < Page) yield break;
            after = page[^1].Id;
        }
    }

    public Task<IReadOnlyList<(string Purpose, DateTimeOffset At)>> SendsSinceAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<(string, DateTimeOffset)>>(async s =>
            (await AuditRows.ListAsync(s, "WHERE customer_id = $1 AND at >= $2 AND decision = $3", customerId, since, Sent))
                .Where(r => r.Kind is AuditKinds.Proactive or AuditKinds.Digest)
                .Select(r => (r.Purpose, r.At))
                .ToList(), cancellationToken);

    public Task<CampaignCounts> CountCampaignAsync(string campaignId, CancellationToken cancellationToken) =>
        db.ReadAsync(async s =>
        {
            // Counted by the server: a campaign may have 100,000 records.
            await using var command = await s.CommandAsync(
                "SELECT coalesce(decision, ''), doc->>'Status', count(*)::int FROM audit WHERE campaign_id = $1 GROUP BY 1, 2", campaignId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var decisions = new Dictionary<string, int>(StringComparer.Ordinal);
            int delivered = 0, read = 0, failed = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                var (decision, status, count) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2));
                decisions[decision] = decisions.GetValueOrDefault(decision) + count;
                if (status is "delivered" or "read") delivered += count;
                if (status == "read") read += count;
                if (decision == Failed) failed += count;
            }

            return new CampaignCounts(decisions, delivered, read, failed);
        }, cancellationToken);

    public Task<int> PseudonymizeAsync(string customerId, string hash, CancellationToken cancellationToken) =>
        db.WriteAsync(s => s.ExecuteAsync("UPDATE audit SET doc = jsonb_set(doc, '{Customer}', to_jsonb($2::text)) WHERE customer_id = $1", customerId, hash), cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) => dryRun
        ? db.ReadAsync(async s => (int)await s.ScalarAsync<long>("SELECT count(*) FROM audit WHERE at < $1", before), cancellationToken)
        : db.WriteAsync(s => s.ExecuteAsync("DELETE FROM audit WHERE at < $1", before), cancellationToken);

    /// <summary>Adds records (alone, or inside a turn); ids already there are left as they are.</summary>
    public static void Add(PgSession s, IReadOnlyList<AuditRecord> records)
    {
        foreach (var record in records) s.Add(AuditRows.Insert(record, ignoreExisting: true));
    }

    private static (string Condition, object?[] Args) Condition(AuditQuery query, string after, int limit)
    {
        var sql = new StringBuilder("WHERE id > $1");
        var args = new List<object?> { after };
        void And(string column, object value)
        {
            args.Add(value);
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND {column}${args.Count}");
        }

        if (query.CustomerId is { } customer) And("customer_id = ", customer);
        if (query.Since is { } since) And("at >= ", since);
        if (query.Until is { } until) And("at < ", until);
        if (query.Decision is { } decision) And("decision = ", decision);
        if (query.Experiment is { } experiment) And("experiment = ", experiment);
        args.Add(limit);
        sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" ORDER BY id LIMIT ${args.Count}");
        return (sql.ToString(), [.. args]);
    }
}
