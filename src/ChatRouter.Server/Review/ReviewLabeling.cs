using ChatRouter.Review;

namespace ChatRouter.Server.Review;

/// <summary>How a label went: done (with the file its row went to), no such item, labelled already, or no text to train on.</summary>
internal enum LabelOutcome
{
    Labelled,
    NotFound,
    Conflict,
    NoText,
}

/// <summary>
/// Labels a review item: its row goes to the locale's training file, then the item is marked labelled with the change
/// recorded (who, when, intent). One label at a time in this process, so an item labelled twice at once gets one row:
/// the second finds it labelled. The row is written before the mark, so a failure between the two leaves the item
/// pending (labelling it again adds a duplicate row, which train tolerates) rather than marked with its row lost.
/// </summary>
internal sealed class ReviewLabeling(IReviewStore store, TrainingFiles files, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<(LabelOutcome Outcome, ReviewItem? Item, string? File)> LabelAsync(string id, string intent, string by, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var item = await store.FindAsync(id, cancellationToken);
            if (item is null) return (LabelOutcome.NotFound, null, null);
            if (item.Status == ReviewStatus.Labelled) return (LabelOutcome.Conflict, item, null);
            if (TrainingRow.Text(item.Text).Length == 0 || files.PathOf(item.Locale) is null) return (LabelOutcome.NoText, item, null);

            var file = await files.AppendAsync(item.Locale, item.Text, intent, cancellationToken);
            var update = await store.LabelAsync(new ReviewChange { ItemId = id, Intent = intent, By = by, At = time.GetUtcNow() }, cancellationToken);
            return update.Status switch
            {
                ReviewUpdateStatus.Done => (LabelOutcome.Labelled, update.Item, file),
                ReviewUpdateStatus.NotFound => (LabelOutcome.NotFound, null, null),
                _ => (LabelOutcome.Conflict, update.Item, null),
            };
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    public Task<ReviewUpdate> SkipAsync(string id, string by, CancellationToken cancellationToken) =>
        store.SkipAsync(new ReviewChange { ItemId = id, By = by, At = time.GetUtcNow() }, cancellationToken);
}
