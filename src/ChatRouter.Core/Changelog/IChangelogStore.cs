namespace ChatRouter.Changelog;

/// <summary>Where changelog entries are kept.</summary>
public interface IChangelogStore
{
    /// <summary>Adds <paramref name="entry"/>.</summary>
    Task AddAsync(ChangelogEntry entry, CancellationToken cancellationToken);

    /// <summary>The latest entry of <paramref name="kind"/> and <paramref name="itemId"/>, or null when there is none.</summary>
    Task<ChangelogEntry?> LatestAsync(string kind, string itemId, CancellationToken cancellationToken);

    /// <summary>Entries at or after <paramref name="since"/> (every entry when null), oldest first.</summary>
    Task<IReadOnlyList<ChangelogEntry>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken);
}
