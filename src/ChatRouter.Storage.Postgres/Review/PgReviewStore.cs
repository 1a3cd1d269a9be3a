using System.Globalization;
using System.Text;
using ChatRouter.Review;
using static ChatRouter.Storage.Postgres.PgTables;

namespace ChatRouter.Storage.Postgres.Review;

/// <summary>
/// The review queue in PostgreSQL: items by time and customer, and the append-only changes trainers made. A change
/// and the item's new status commit together under the item's row lock, so two trainers labelling one item
/// cannot both succeed.
/// </summary>
internal sealed class PgReviewStore(PgDatabase db) : IReviewStore
{
    /// <summary>Inserts items inside the caller's write (a turn's transaction); ids already there are left alone.</summary>
    public static void Add(PgSession s, IReadOnlyList<ReviewItem> items)
    {
        foreach (var item in items) s.Add(ReviewRows.Insert(item, ignoreExisting: true));
    }

    public Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 0 ? Task.CompletedTask : db.WriteAsync(s => Add(s, items), cancellationToken);
    }

    public Task<ReviewPage> ListAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var sql = new StringBuilder("WHERE true");
        var args = new List<object?>();
        void And(string condition, object value)
        {
            args.Add(value);
            sql.Append(CultureInfo.InvariantCulture, $" AND {condition}${args.Count}");
        }

        if (query.Since is { } since) And("at >= ", since);
        if (query.Locale is { } locale) And("locale = ", locale.ToLowerInvariant());
        if (query.Status is { } status) And("status = ", status.ToString());
        if (query.After is { } after) And("id > ", after);
        args.Add(query.Limit + 1);
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY id LIMIT ${args.Count}");
        return db.ReadAsync(async s =>
        {
            var items = await ReviewRows.ListAsync(s, sql.ToString(), [.. args]);
            var next = items.Count > query.Limit ? items[query.Limit - 1].Id : null;
            return new ReviewPage(items.Take(query.Limit).ToList(), next);
        }, cancellationToken);
    }

    public Task<ReviewItem?> FindAsync(string id, CancellationToken cancellationToken) => db.ReadAsync(s => ReviewRows.FindAsync(s, id), cancellationToken);

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
        }, cancellationToken);
    }

    public Task<ReviewUpdate> SkipAsync(ReviewChange change, CancellationToken cancellationToken) =>
        ApplyAsync(change, ReviewActions.Skip, item => item.Status switch
        {
            ReviewStatus.Labelled => null,
            ReviewStatus.Skipped => false,
            _ => Set(item, ReviewStatus.Skipped),
        }, cancellationToken);

    public Task<ReviewUpdate> UnskipAsync(ReviewChange change, CancellationToken cancellationToken) =>
        ApplyAsync(change, ReviewActions.Unskip, item => item.Status switch
        {
            ReviewStatus.Labelled => null,
            ReviewStatus.Pending => false,
            _ => Set(item, ReviewStatus.Pending),
        }, cancellationToken);

    public Task<IReadOnlyList<ReviewChange>> ChangesAsync(string itemId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<ReviewChange>>(async s => await ReviewChangeRows.ListAsync(s, "WHERE item_id = $1 ORDER BY id", itemId), cancellationToken);

    public Task<int> EraseAsync(string customerId, CancellationToken cancellationToken) =>
        db.WriteAsync(async s =>
        {
            await s.ExecuteAsync("DELETE FROM review_changes WHERE item_id IN (SELECT id FROM review WHERE customer_id = $1)", customerId);
            return await s.ExecuteAsync("DELETE FROM review WHERE customer_id = $1", customerId);
        }, cancellationToken);

    public Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken) => dryRun
        ? db.ReadAsync(async s => (int)await s.ScalarAsync<long>("SELECT count(*) FROM review WHERE at < $1", before), cancellationToken)
        : db.WriteAsync(async s =>
        {
            await s.ExecuteAsync("DELETE FROM review_changes WHERE item_id IN (SELECT id FROM review WHERE at < $1)", before);
            return await s.ExecuteAsync("DELETE FROM review WHERE at < $1", before);
        }, cancellationToken);

    private static bool Set(ReviewItem item, ReviewStatus status)
    {
        item.Status = status;
        return true;
    }

    /// <summary>Locks the item's row and applies <paramref name="decide"/>: null is a conflict, false leaves it, true stores it with the change appended.</summary>
    private Task<ReviewUpdate> ApplyAsync(ReviewChange change, string action, Func<ReviewItem, bool?> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentException.ThrowIfNullOrWhiteSpace(change.ItemId);
        return db.WriteAsync(async s =>
        {
            var item = await ReviewRows.FindAsync(s, change.ItemId, forUpdate: true);
            if (item is null) return new ReviewUpdate(ReviewUpdateStatus.NotFound, null);
            switch (decide(item))
            {
                case null:
                    return new ReviewUpdate(ReviewUpdateStatus.Conflict, item);
                case false:
                    return new ReviewUpdate(ReviewUpdateStatus.Done, item);
            }

            change.Stamp(item, action);
            s.Add(ReviewRows.Upsert(item));
            s.Add(ReviewChangeRows.Insert(change));
            return new ReviewUpdate(ReviewUpdateStatus.Done, item);
        }, cancellationToken);
    }
}
