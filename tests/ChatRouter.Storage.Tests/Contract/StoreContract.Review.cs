using ChatRouter.Conversations;
using ChatRouter.Review;
using ChatRouter.Testing;

namespace ChatRouter.Storage.Tests.Contract;

/// <summary>The review queue: items stored with their turn, listed page by page, labelled once, erased and purged.</summary>
public abstract partial class StoreContract
{
    private static ReviewItem ReviewItem(string id, int minutes = 0, string locale = "en", string customer = "p1", string text = "where is [id]") => new()
    {
        Id = id,
        At = Some.Instant.AddMinutes(minutes),
        CustomerId = customer,
        ConversationId = Records.ConversationId,
        MessageId = "m-" + id,
        Text = text,
        Locale = locale,
        Flow = "orders",
        State = "ask",
        Reason = ReviewReasons.Clarify,
        Intent = "order_status",
        Confidence = 0.42,
        Top = [new ReviewScore { Intent = "order_status", Confidence = 0.42 }, new ReviewScore { Intent = "cancel_order", Confidence = 0.31 }],
    };

    private static ReviewChange By(string itemId, string? intent = null, string who = "Tess Trainer", int minutes = 60) =>
        new() { ItemId = itemId, Intent = intent, By = who, At = Some.Instant.AddMinutes(minutes) };

    [Fact]
    public async Task Review_SavedWithTheTurn_ReadsBackWithEveryField()
    {
        var stores = Open();
        var item = ReviewItem("r1", text: "مرحبا [phone] 📦");

        await stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = new TurnWrites { Review = [item] } }, CancellationToken.None);

        stores = Reopen(stores);
        var found = await stores.Review.FindAsync("r1", CancellationToken.None);
        found.Should().BeEquivalentTo(ReviewItem("r1", text: "مرحبا [phone] 📦"));
        found!.Status.Should().Be(ReviewStatus.Pending);
        (await stores.Review.FindAsync("missing", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Review_AWriteOfTheTurnFails_TheItemIsNotStored()
    {
        var stores = Open();
        await stores.Outbox.AddAsync(Records.OutboxEntry("taken"), CancellationToken.None);
        var writes = new TurnWrites { Outbox = [Records.OutboxEntry("taken")], Review = [ReviewItem("r1")] };

        var act = () => stores.Conversations.SaveTurnAsync(Records.Turn("hi") with { Writes = writes }, CancellationToken.None);

        await act.Should().ThrowAsync<Exception>();
        (await stores.Review.FindAsync("r1", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task Review_List_FiltersByLocaleStatusAndSince_PagesInIdOrder()
    {
        var stores = Open();
        await stores.Review.AddAsync([ReviewItem("r3", 3), ReviewItem("r1", 1), ReviewItem("r2", 2, locale: "es"), ReviewItem("r4", 4, locale: "pt-BR"), ReviewItem("r5", 5), ReviewItem("r0", 0)], CancellationToken.None);
        await stores.Review.AddAsync([ReviewItem("r1", 99, locale: "es")], CancellationToken.None);
        await stores.Review.SkipAsync(By("r5"), CancellationToken.None);

        stores = Reopen(stores);
        var first = await stores.Review.ListAsync(new ReviewQuery { Locale = "en", Status = ReviewStatus.Pending, Limit = 2 }, CancellationToken.None);
        var second = await stores.Review.ListAsync(new ReviewQuery { Locale = "en", Status = ReviewStatus.Pending, Limit = 2, After = first.Next }, CancellationToken.None);
        var since = await stores.Review.ListAsync(new ReviewQuery { Since = Some.Instant.AddMinutes(2) }, CancellationToken.None);
        var anyCase = await stores.Review.ListAsync(new ReviewQuery { Locale = "PT-br" }, CancellationToken.None);
        var skipped = await stores.Review.ListAsync(new ReviewQuery { Status = ReviewStatus.Skipped }, CancellationToken.None);

        first.Items.Select(i => i.Id).Should().Equal("r0", "r1");
        first.Next.Should().Be("r1");
        second.Items.Select(i => i.Id).Should().Equal("r3");
        second.Next.Should().BeNull();
        since.Items.Select(i => i.Id).Should().Equal("r2", "r3", "r4", "r5");
        anyCase.Items.Select(i => i.Id).Should().Equal("r4");
        skipped.Items.Select(i => i.Id).Should().Equal("r5");
    }

    [Fact]
    public async Task Review_Label_OnceWithWhoAndWhen_ASecondLabelIsAConflict()
    {
        var stores = Open();
        await stores.Review.AddAsync([ReviewItem("r1")], CancellationToken.None);

        var labelled = await stores.Review.LabelAsync(By("r1", "order_status"), CancellationToken.None);
        var again = await stores.Review.LabelAsync(By("r1", "oos", "Other Trainer", 61), CancellationToken.None);
        var skip = await stores.Review.SkipAsync(By("r1"), CancellationToken.None);
        var missing = await stores.Review.LabelAsync(By("nope", "oos"), CancellationToken.None);

        stores = Reopen(stores);
        labelled.Status.Should().Be(ReviewUpdateStatus.Done);
        (again.Status, again.Item!.Label).Should().Be((ReviewUpdateStatus.Conflict, "order_status"));
        skip.Status.Should().Be(ReviewUpdateStatus.Conflict);
        missing.Should().Be(new ReviewUpdate(ReviewUpdateStatus.NotFound, null));
        var item = await stores.Review.FindAsync("r1", CancellationToken.None);
        (item!.Status, item.Label, item.ChangedBy, item.ChangedAt).Should().Be((ReviewStatus.Labelled, "order_status", "Tess Trainer", Some.Instant.AddMinutes(60)));
        var changes = await stores.Review.ChangesAsync("r1", CancellationToken.None);
        changes.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ItemId = "r1", Action = ReviewActions.Label, Intent = "order_status", Locale = "en", By = "Tess Trainer", At = Some.Instant.AddMinutes(60) });
    }

    [Fact]
    public async Task Review_SkipThenUnskipThenLabel_RecordsEachChange()
    {
        var stores = Open();
        await stores.Review.AddAsync([ReviewItem("r1")], CancellationToken.None);

        var skipped = await stores.Review.SkipAsync(By("r1", minutes: 1), CancellationToken.None);
        var skippedAgain = await stores.Review.SkipAsync(By("r1", minutes: 2), CancellationToken.None);
        var unskipped = await stores.Review.UnskipAsync(By("r1", minutes: 3), CancellationToken.None);
        var unskippedAgain = await stores.Review.UnskipAsync(By("r1", minutes: 4), CancellationToken.None);
        await stores.Review.SkipAsync(By("r1", minutes: 5), CancellationToken.None);
        var labelled = await stores.Review.LabelAsync(By("r1", "oos", minutes: 6), CancellationToken.None);

        stores = Reopen(stores);
        (skipped.Item!.Status, skippedAgain.Status, unskipped.Item!.Status, unskippedAgain.Status).Should().Be((ReviewStatus.Skipped, ReviewUpdateStatus.Done, ReviewStatus.Pending, ReviewUpdateStatus.Done));
        labelled.Item!.Status.Should().Be(ReviewStatus.Labelled, "a skipped item can still be labelled");
        var changes = await stores.Review.ChangesAsync("r1", CancellationToken.None);
        changes.Select(c => (c.Action, c.At)).Should().Equal(
            (ReviewActions.Skip, Some.Instant.AddMinutes(1)),
            (ReviewActions.Unskip, Some.Instant.AddMinutes(3)),
            (ReviewActions.Skip, Some.Instant.AddMinutes(5)),
            (ReviewActions.Label, Some.Instant.AddMinutes(6)));
    }

    [Fact]
    public async Task Review_EraseAndPurge_RemoveItemsAndTheirChanges()
    {
        var stores = Open();
        await stores.Review.AddAsync([ReviewItem("old", -10), ReviewItem("mine", 5), ReviewItem("theirs", 5, customer: "p2"), ReviewItem("new", 20, customer: "p2")], CancellationToken.None);
        await stores.Review.LabelAsync(By("mine", "oos"), CancellationToken.None);
        await stores.Review.LabelAsync(By("old", "oos"), CancellationToken.None);

        var erased = await stores.Review.EraseAsync("p1", CancellationToken.None);
        var wouldPurge = await stores.Review.PurgeAsync(Some.Instant.AddMinutes(10), dryRun: true, CancellationToken.None);
        var purged = await stores.Review.PurgeAsync(Some.Instant.AddMinutes(10), dryRun: false, CancellationToken.None);

        stores = Reopen(stores);
        (erased, wouldPurge, purged).Should().Be((2, 1, 1));
        (await stores.Review.ListAsync(new ReviewQuery(), CancellationToken.None)).Items.Select(i => i.Id).Should().Equal("new");
        (await stores.Review.ChangesAsync("mine", CancellationToken.None)).Should().BeEmpty();
        (await stores.Review.ChangesAsync("old", CancellationToken.None)).Should().BeEmpty();
    }
}
