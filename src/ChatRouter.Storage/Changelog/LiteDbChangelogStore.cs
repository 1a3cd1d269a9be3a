using ChatRouter.Changelog;

namespace ChatRouter.Storage.Changelog;

/// <summary>Changelog entries in a <see cref="LiteDbFile"/>; ids sort by time, so the latest of an item is the greatest id.</summary>
internal sealed class LiteDbChangelogStore(LiteDbFile file) : IChangelogStore
{
    public Task AddAsync(ChangelogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return file.Writer.WriteAsync(_ => file.Changelog.Insert(entry));
    }

    public Task<ChangelogEntry?> LatestAsync(string kind, string itemId, CancellationToken cancellationToken) =>
        Task.FromResult(file.Changelog.Find(e => e.ItemId == itemId).Where(e => e.Kind == kind).MaxBy(e => e.Id, StringComparer.Ordinal));

    public Task<IReadOnlyList<ChangelogEntry>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var found = since is { } from ? file.Changelog.Find(e => e.At >= from) : file.Changelog.FindAll();
        return Task.FromResult<IReadOnlyList<ChangelogEntry>>([.. found.OrderBy(e => e.Id, StringComparer.Ordinal)]);
    }
}
