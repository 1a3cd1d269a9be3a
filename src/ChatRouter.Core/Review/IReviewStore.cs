namespace ChatRouter.Review;

/// <summary>
/// The review queue (LiteDB by default). Items arrive with the turn that queued them
/// (<see cref="Conversations.TurnWrites.Review"/>) or through <see cref="AddAsync"/>; every change a trainer makes is
/// appended as a <see cref="ReviewChange"/> in the same transaction as the item's new status.
/// </summary>
public interface IReviewStore
{
    /// <summary>Stores items (an id already there is left as it is).</summary>
    Task AddAsync(IReadOnlyList<ReviewItem> items, CancellationToken cancellationToken);

    /// <summary>Items matching <paramref name="query"/>, oldest first, one page at a time.</summary>
    Task<ReviewPage> ListAsync(ReviewQuery query, CancellationToken cancellationToken);

    /// <summary>An item by id, or null.</summary>
    Task<ReviewItem?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Labels a pending or skipped item with <paramref name="change"/>'s intent and appends the change; an item
    /// already labelled is left as it is (<see cref="ReviewUpdateStatus.Conflict"/>).
    /// </summary>
    Task<ReviewUpdate> LabelAsync(ReviewChange change, CancellationToken cancellationToken);

    /// <summary>Skips a pending item (a skipped one stays skipped, unchanged); a labelled one is a conflict.</summary>
    Task<ReviewUpdate> SkipAsync(ReviewChange change, CancellationToken cancellationToken);

    /// <summary>Makes a skipped item pending again (a pending one stays as it is); a labelled one is a conflict.</summary>
    Task<ReviewUpdate> UnskipAsync(ReviewChange change, CancellationToken cancellationToken);

    /// <summary>The changes made to an item, oldest first.</summary>
    Task<IReadOnlyList<ReviewChange>> ChangesAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>Removes every item of a customer and their changes (erasure); returns how many items.</summary>
    Task<int> EraseAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes items queued before <paramref name="before"/> and their changes (retention); returns how many items.
    /// With <paramref name="dryRun"/> only counts them.
    /// </summary>
    Task<int> PurgeAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken);
}

/// <summary>What to list: every filter is optional; <see cref="After"/> is the last id of the previous page.</summary>
public sealed record ReviewQuery
{
    /// <summary>Items queued at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Items of this locale (exact tag, any case).</summary>
    public string? Locale { get; init; }

    /// <summary>Items in this status.</summary>
    public ReviewStatus? Status { get; init; }

    /// <summary>Items after this id (the previous page's <see cref="ReviewPage.Next"/>).</summary>
    public string? After { get; init; }

    /// <summary>At most this many items. <value>Default: 50.</value></summary>
    public int Limit { get; init; } = 50;
}

/// <summary>A page of items and the cursor of the next page (null on the last).</summary>
public sealed record ReviewPage(IReadOnlyList<ReviewItem> Items, string? Next);

/// <summary>The outcome of a change: done, no such item, or an item whose status does not allow it.</summary>
public sealed record ReviewUpdate(ReviewUpdateStatus Status, ReviewItem? Item);

/// <summary>How a change went.</summary>
public enum ReviewUpdateStatus
{
    /// <summary>Applied (or nothing to do), and the change appended when it changed the item.</summary>
    Done,

    /// <summary>No item with that id.</summary>
    NotFound,

    /// <summary>The item's status does not allow it (it is labelled already); nothing changed.</summary>
    Conflict,
}
