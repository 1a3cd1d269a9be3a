namespace ChatRouter.Review;

/// <summary>
/// One thing a trainer did to a review item, appended and never changed: the record of who labelled what and when
/// (<see cref="IReviewStore.ChangesAsync"/>), and what a changelog is fed from.
/// </summary>
public sealed class ReviewChange
{
    /// <summary>Sortable id.</summary>
    public string Id { get; set; } = "";

    /// <summary>The review item.</summary>
    public string ItemId { get; set; } = "";

    /// <summary><see cref="ReviewActions"/>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The intent given (for a label), else null.</summary>
    public string? Intent { get; set; }

    /// <summary>The item's locale (the training file a label went to).</summary>
    public string Locale { get; set; } = "";

    /// <summary>Who did it: the API key's name.</summary>
    public string By { get; set; } = "";

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>
    /// Marks <paramref name="item"/> as changed by this change and completes the change as <paramref name="action"/> on
    /// it (its locale, and an id when it has none), for every store to do the same before it writes both.
    /// </summary>
    public void Stamp(ReviewItem item, string action)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.ChangedBy = By;
        item.ChangedAt = At;
        Action = action;
        Locale = item.Locale;
        if (string.IsNullOrEmpty(Id)) Id = Conversations.SortableId.Next(At);
    }
}

/// <summary>What a trainer can do to an item.</summary>
public static class ReviewActions
{
    /// <summary>Gave it an intent (or <c>oos</c>); its row was appended to the training data.</summary>
    public const string Label = "label";

    /// <summary>Set it aside.</summary>
    public const string Skip = "skip";

    /// <summary>Took a skip back: pending again.</summary>
    public const string Unskip = "unskip";
}
