using ChatRouter.Nlu.Data;
using ChatRouter.Review;
using ChatRouter.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatRouter.Cli.Tests;

public sealed class ReviewCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static ReviewItem Item(string id, int day, string text, string locale = "en", string intent = "order_status", double confidence = 0.42) => new()
    {
        Id = id, At = Some.Instant.AddDays(day), CustomerId = "p1", Text = text, Locale = locale, Reason = ReviewReasons.Clarify, Intent = intent, Confidence = confidence,
    };

    private Task<string> DatabaseAsync() => AuditCommandTests.DatabaseAsync(_directory, async stores =>
    {
        var review = stores.GetRequiredService<IReviewStore>();
        await review.AddAsync(
        [
            Item("r1", 0, "is [id] coming?"), Item("r2", 1, "a\tline\nbroken  in two", intent: "oos", confidence: 0), Item("r3", 2, "hola", "es", "greeting", 0.5),
            Item("r4", 3, "done already"), Item("r5", 4, "   "),
        ], CancellationToken.None);
        await review.LabelAsync(new ReviewChange { ItemId = "r4", Intent = "greeting", By = "t", At = Some.Instant }, CancellationToken.None);
    });

    [Fact]
    public async Task Export_WritesPendingItemsAsATrainingFile_ThatTrainReadsWithoutError()
    {
        var db = await DatabaseAsync();

        var all = await CliRun.RunAsync("", "review", "export", "--db", db);
        var some = await CliRun.RunAsync("", "review", "export", "--db", db, "--since", "2026-01-16T00:00:00Z", "--locale", "EN");

        all.ExitCode.Should().Be(0);
        all.OutLines.Should().Equal(
            "text\tintent\t# confidence",
            "is [id] coming?\torder_status\t# 0.42 clarify en",
            "a line broken in two\toos\t# 0.00 clarify en",
            "hola\tgreeting\t# 0.50 clarify es");
        some.OutLines.Should().Equal("text\tintent\t# confidence", "a line broken in two\toos\t# 0.00 clarify en");
        var read = LabeledDataReader.Parse("export.tsv", System.Text.Encoding.UTF8.GetBytes(string.Join('\n', all.OutLines)));
        read.Diagnostics.Should().BeEmpty();
        read.Rows.Select(r => (r.Text, r.Intent)).Should().Equal(("is [id] coming?", "order_status"), ("a line broken in two", "oos"), ("hola", "greeting"));
    }

    [Fact]
    public async Task Export_ABadInstantOrNoDatabase_ExitsTwoWithOneLine()
    {
        var db = await DatabaseAsync();

        var instant = await CliRun.RunAsync("", "review", "export", "--db", db, "--since", "yesterday");
        var missing = await CliRun.RunAsync("", "review", "export", "--db", _directory.File("nope.db"));

        (instant.ExitCode, missing.ExitCode).Should().Be((2, 2));
        instant.ErrorLines.Should().ContainSingle().Which.Should().Contain("--since yesterday").And.Contain("ISO 8601");
        missing.ErrorLines.Should().ContainSingle().Which.Should().Contain("no such database");
    }
}
