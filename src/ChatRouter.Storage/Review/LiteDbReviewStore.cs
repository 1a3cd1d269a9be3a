using ChatRouter.Review;
using LiteDB;

namespace ChatRouter.Storage.Review;

/// <summary>
/// The review queue in a <see cref="LiteDbFile"/>: items indexed by time and customer, and the append-only changes
/// trainers made, indexed by item. A change and the item's new status are written in one transaction on the writer
/// thread, so two trainers labelling one item cannot both succeed.
/// </summary>
internal sealed class LiteDbReviewStore(LiteDbFile file) : IReviewStore
{
    /// <summary>Inserts items inside the caller's write (a turn's transaction); ids already there are left alone.</summary>
    public static void Add(LiteDbFile file, IReadOnlyList<ReviewItem> items)
    {
        foreach (var item in items)
        {
            if (file.Review.FindById(item.Id) is null) file.Review.Insert(item);
        }
    }

    public Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 0 ? Task.CompletedTask : file.Writer.WriteAsync(_ => Add(file, items));
    }

    public Task<ReviewPage> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var found = file.Review.Query();
        if (query.Since is { } since) found = found.Where(i => i.At >= since);
        if (query.Locale is { } locale) found = found.Where("LOWER($.Locale) = @0", locale.ToLowerInvariant());
        if (query.Status is { } status) found = found.Where("$.Status = @0", status.ToString());
        if (query.After is { } after) found = found.Where("$._id > @0", after);
        var items = found.OrderBy("$._id").Limit(query.Limit + 1).ToList();
        var next = items.Count > query.Limit ? items[query.Limit - 1].Id : null;
        return Task.FromResult(new ReviewPage(items.Take(query.Limit).ToList(), next));
    }

    public Task<ReviewItem?> FindAsync(string id, CancellationToken cancellationToken) => Task.FromResult<ReviewItem?>(file.Review.FindById(id));

    public Task<ReviewUpdate> LabelAsync(ReviewChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Intent);
        return ApplyAsync(change, ReviewActions.Label, item =>
        {
            if (item.Status == ReviewStatus.Labelled) return null;
            item.Status = ReviewStatus.Labelled;
            item.Label = change.Intent;
            return true;
        });
    }

    public Task<ReviewUpdate> SkipAsync(ReviewChange change, CancellationToken cancellationToken) =>
        ApplyAsync(change, ReviewActions.Skip, item => item.Status switch
        {
            ReviewStatus.Labelled => null,
            ReviewStatus.Skipped => false,
            _ => Set(item, ReviewStatus.Skipped),
        });

    public Task<ReviewUpdate> UnskipAsync(ReviewChange change, CancellationToken cancellationToken) =>
        ApplyAsync(change, ReviewActions.Unskip, item => item.Status switch
        {
            ReviewStatus.Labelled => null,
            ReviewStatus.Pending => false,
            _ => Set(item, ReviewStatus.Pending),
        });

    public Task<IReadOnlyList<ReviewChange>> ChangesAsync(string itemId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReviewChange>>(file.ReviewChanges.Find(c => c.ItemId == itemId).OrderBy(c => c.Id, StringComparer.Ordinal).ToList());

    public Task<int> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        file.Writer.WriteAsync(_ => Remove(file.Review.Find(i => i.CustomerId == customerId).Select(i => i.Id).ToList()));

    public Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) =>
        dryRun ? Task.FromResult(file.Review.Count(i => i.At < before)) : file.Writer.WriteAsync(_ => Remove(file.Review.Find(i => i.At < before).Select(i => i.Id).ToList()));

    private int Remove(List<string> ids)
    {
        foreach (var id in ids)
        {
            file.Review.Delete(id);
            file.ReviewChanges.DeleteMany(c => c.ItemId == id);
        }

        return ids.Count;
    }

    private static bool Set(ReviewItem item, ReviewStatus status)
    {
        item.Status = status;
        return true;
    }

    /// <summary>
    /// Reads the item and applies <paramref name="decide"/> on the writer thread: null is a conflict, false leaves the
    /// item as it is, true stores it with the change appended.
    /// </summary>
    private Task<ReviewUpdate> ApplyAsync(ReviewChange change, string action, Func<ReviewItem, bool?> decide)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.ItemId);
        return file.Writer.WriteAsync(_ =>
        {
            var item = file.Review.FindById(change.ItemId);
            if (item is null) return new ReviewUpdate(ReviewUpdateStatus.NotFound, null);
            switch (decide(item))
            {
                case null:
                    return new ReviewUpdate(ReviewUpdateStatus.Conflict, item);
                case false:
                    return new ReviewUpdate(ReviewUpdateStatus.Done, item);
            }

            change.Stamp(item, action);
            file.Review.Update(item);
            file.ReviewChanges.Insert(change);
            return new ReviewUpdate(ReviewUpdateStatus.Done, item);
        });
    }
}
