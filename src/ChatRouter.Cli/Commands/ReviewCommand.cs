using System.CommandLine;
using ChatRouter.Review;

namespace ChatRouter.Cli.Commands;

/// <summary>
/// <c>review export [--db FILE] [--since T] [--locale L]</c>: the pending review items as a training file on stdout, each
/// row with the classifier's suggested intent and a <c># confidence reason locale</c> comment column that <c>train</c> ignores.
/// </summary>
internal static class ReviewCommand
{
    private const int Page = 500;

    public static Command Create(CliConsole console)
    {
        var db = StoreAccess.Db();
        var since = new Option<string?>("--since") { Description = "Only items queued at or after this instant (ISO 8601, e.g. 2026-01-01T00:00:00Z)." };
        var locale = new Option<string?>("--locale") { Description = "Only items of this locale (en, pt-BR…): one training file's rows." };
        var export = new Command("export", "Write the pending review items as text<TAB>intent rows (the suggested intent; correct it, then append the rows to train-data/<locale>.tsv).")
        {
            db, since, locale,
        };
        export.SetAction(async (result, cancellationToken) =>
        {
            var query = new ReviewQuery
            {
                Since = AuditCommand.Instant(result.GetValue(since), "--since"),
                Locale = result.GetValue(locale) is { } tag && tag.Trim().Length > 0 ? tag.Trim()
                    : result.GetValue(locale) is null ? null : throw new UsageException("--locale: empty; give a locale such as en or pt-BR, or leave it out for all"),
                Status = ReviewStatus.Pending,
                Limit = Page,
            };
            using var stores = StoreAccess.Open(result.GetValue(db));
            var review = stores.Get<IReviewStore>();
            await console.Out.WriteLineAsync(TrainingRow.ExportHeader);
            for (var page = await review.ListAsync(query, cancellationToken); ; page = await review.ListAsync(query with { After = page.Next }, cancellationToken))
            {
                // A text that is nothing once on one line would be an error in train; there is nothing to label in it.
                foreach (var item in page.Items.Where(i => TrainingRow.Text(i.Text).Length > 0)) await console.Out.WriteLineAsync(TrainingRow.Export(item));
                if (page.Next is null) break;
            }

            return ChatRouterCli.Success;
        });
        return new Command("review", "The review queue: customer messages the bot did not route with confidence, masked.") { export };
    }
}
