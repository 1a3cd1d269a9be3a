using ChatRouter.Inbox;
using Npgsql;
using NpgsqlTypes;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Inbox;

/// <summary>The inbox in PostgreSQL; entries are keyed by their dedupe key, so a redelivery inserts nothing.</summary>
internal sealed class PgInboxStore(PgDatabase db) : IInboxStore
{
    public Task<IReadOnlyList<InboxEntry>> AcceptAsync(IReadOnlyList<InboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return db.WriteAsync<IReadOnlyList<InboxEntry>>(async s =>
        {
            var fresh = entries.DistinctBy(e => e.Id, StringComparer.Ordinal).ToList();
            if (fresh.Count == 0) return [];
            // One round trip: every insert in a batch, each reporting whether it stored a row.
            await using var batch = await s.BatchAsync();
            foreach (var entry in fresh)
            {
                var insert = InboxRows.Insert(entry, ignoreExisting: true);
                insert.CommandText += " RETURNING id";
                batch.BatchCommands.Add(insert);
            }

            var stored = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
            {
                do
                {
                    while (await reader.ReadAsync(cancellationToken)) stored.Add(reader.GetString(0));
                }
                while (await reader.NextResultAsync(cancellationToken));
            }

            return fresh.Where(e => stored.Contains(e.Id)).ToList();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<InboxEntry>> PendingAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<InboxEntry>>(async s => await InboxRows.ListAsync(s, "WHERE state = 'Pending' ORDER BY ord"), cancellationToken);

    public Task<InboxEntry?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => InboxRows.FindAsync(s, id), cancellationToken);

    public Task MarkDoneAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        db.WriteAsync(s => s.Add(MarkDone(new InboxDone(id, at))), cancellationToken);

    public Task<InboxEntry?> RecordFailureAsync(string id, string error, int maxAttempts, CancellationToken cancellationToken) =>
        db.WriteAsync(async s =>
        {
            var entry = await InboxRows.FindAsync(s, id, forUpdate: true);
            if (entry is null) return null;
            entry.Attempts++;
            entry.Error = error;
            if (entry.Attempts >= maxAttempts) entry.State = InboxState.Failed;
            s.Add(InboxRows.Upsert(entry));
            return entry;
        }, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.WriteAsync(s => s.ExecuteAsync("DELETE FROM inbox WHERE state = 'Done' AND received_at < $1", before), cancellationToken);

    public Task<int> CountPurgeableAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        db.ReadAsync(async s => (int)await s.ScalarAsync<long>("SELECT count(*) FROM inbox WHERE state = 'Done' AND received_at < $1", before), cancellationToken);

    public Task<int> CountAsync(InboxState state, CancellationToken cancellationToken) =>
        db.ReadAsync(async s => (int)await s.ScalarAsync<long>("SELECT count(*) FROM inbox WHERE state = $1", state.ToString()), cancellationToken);

    /// <summary>Marks an entry processed (alone, or inside the turn that processed it): done, when, and its payload dropped.</summary>
    public static NpgsqlBatchCommand MarkDone(InboxDone done)
    {
        var command = new NpgsqlBatchCommand(
            "UPDATE inbox SET state = 'Done', doc = (doc - 'Payload') || jsonb_build_object('State', 'Done', 'ProcessedAt', $2) WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = done.Id });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = PgDocuments.DateJson(done.At) });
        return command;
    }
}
