using ChatRouter.Conversations;

namespace ChatRouter.Changelog;

/// <summary>
/// Records content serve loaded when its hash differs from the latest entry of the same kind and id, with a
/// summary diffed against that entry; the same content again (a restart) records nothing.
/// </summary>
public sealed class ChangelogRecorder(IChangelogStore store, TimeProvider clock) : IDisposable
{
    // One at a time: two loads of the same item at once would both see the old entry and record twice.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Records <paramref name="snapshot"/> if it is new or changed; returns the entry, or null when unchanged.</summary>
    public async Task<ChangelogEntry?> RecordAsync(ContentSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var hash = snapshot.Hash;
            var latest = await store.LatestAsync(snapshot.Kind, snapshot.ItemId, cancellationToken);
            if (latest?.Hash == hash) return null;
            var parts = snapshot.Fingerprints();
            var now = clock.GetUtcNow();
            var entry = new ChangelogEntry
            {
                Id = SortableId.Next(now),
                At = now,
                Kind = snapshot.Kind,
                ItemId = snapshot.ItemId,
                Version = snapshot.Version,
                Hash = hash,
                Summary = ChangeSummary.Describe(latest?.Parts, parts, latest?.Version, snapshot.Version) + (snapshot.Note is null ? "" : "; " + snapshot.Note),
                Parts = parts,
            };
            await store.AddAsync(entry, cancellationToken);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the gate.</summary>
    public void Dispose() => _gate.Dispose();
}
