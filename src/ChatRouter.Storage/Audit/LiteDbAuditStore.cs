using System.Runtime.CompilerServices;
using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Guardrails;
using ChatRouter.Wire;
using LiteDB;

namespace ChatRouter.Storage.Audit;

/// <summary>The outbound audit in a <see cref="LiteDbFile"/>, indexed by customer and time.</summary>
internal sealed class LiteDbAuditStore(LiteDbFile file) : IAuditStore
{
    private static readonly string Sent = WireName.Of(Decision.Sent);
    private static readonly string Failed = WireName.Of(Decision.Failed);

    public Task AddAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.Count == 0 ? Task.CompletedTask : file.Writer.WriteAsync(_ => Add(file, records));
    }

    public Task<AuditRecord?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<AuditRecord?>(file.Audit.FindById(id));

    public Task<AuditRecord?> UpdateAsync(string id, Func<AuditRecord, bool> change, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var record = file.Audit.FindById(id);
            if (record is null || !change(record)) return record;
            file.Audit.Update(record);
            return record;
        });

    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await Task.CompletedTask;
        var found = query.CustomerId is { } customer ? file.Audit.Find(r => r.CustomerId == customer)
            : query.Experiment is { } experiment ? file.Audit.Find(r => r.Experiment == experiment)
            : query.Since is { } since ? file.Audit.Find(r => r.At >= since)
            : file.Audit.FindAll();
        var matching = found
            .Where(r => (query.Since is not { } from || r.At >= from) && (query.Until is not { } until || r.At < until))
            .Where(r => query.Decision is null || r.Decision == query.Decision)
            .Where(r => query.Experiment is null || r.Experiment == query.Experiment)
            .Where(r => query.After is null || string.CompareOrdinal(r.Id, query.After) > 0)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Take(query.Limit ?? int.MaxValue);
        foreach (var record in matching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }

    public Task<IReadOnlyList<(string Purpose, DateTimeOffset At)>> SendsSinceAsync(string customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(string, DateTimeOffset)>>(file.Audit
            .Find(r => r.CustomerId == customerId && r.At >= since)
            .Where(r => r.Decision == Sent && r.Kind is AuditKinds.Proactive or AuditKinds.Digest)
            .Select(r => (r.Purpose, r.At))
            .ToList());

    public Task<CampaignCounts> CountCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        var decisions = new Dictionary<string, int>(StringComparer.Ordinal);
        int delivered = 0, read = 0, failed = 0;
        // Two fields of each record by the CampaignId index, without mapping whole records: a campaign may have 100,000.
        var rows = file.Database.GetCollection("audit").Query()
            .Where(BsonExpression.Create("$.CampaignId = @0", new BsonValue(campaignId)))
            .Select("{ d: $.Decision, s: $.Status }")
            .ToEnumerable();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var decision = row["d"].IsString ? row["d"].AsString : "";
            var status = row["s"].IsString ? row["s"].AsString : null;
            decisions[decision] = decisions.GetValueOrDefault(decision) + 1;
            if (status is "delivered" or "read") delivered++;
            if (status == "read") read++;
            if (decision == Failed) failed++;
        }

        return Task.FromResult(new CampaignCounts(decisions, delivered, read, failed));
    }

    public Task<int> PseudonymizeAsync(string customerId, string hash, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ =>
        {
            var records = file.Audit.Find(r => r.CustomerId == customerId).ToList();
            foreach (var record in records) record.Customer = hash;
            return records.Count == 0 ? 0 : file.Audit.Update(records);
        });

    public Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) =>
        dryRun ? Task.FromResult(file.Audit.Count(r => r.At < before)) : file.Writer.WriteAsync(_ => file.Audit.DeleteMany(r => r.At < before));

    /// <summary>Adds records on the writer thread (alone, or inside a turn); ids already there are left as they are.</summary>
    public static void Add(LiteDbFile file, IReadOnlyList<AuditRecord> records)
    {
        foreach (var record in records)
        {
            if (file.Audit.FindById(record.Id) is null) file.Audit.Insert(record);
        }
    }
}
