using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using ChatRouter.Review;
using ChatRouter.Routing;
using ChatRouter.Server.CustomerProfiles;
using ChatRouter.Server.Security;

namespace ChatRouter.Server.Review;

/// <summary>
/// <c>GET /api/review</c> and <c>POST /api/review/{id}/label</c> (trainer, admin): the messages the bot did not route
/// with confidence, and their labels, each appended to the locale's training file.
/// </summary>
internal static class ReviewEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    private const int MaxIntent = 100;

    private static readonly string[] Fields = ["intent", "skip"];

    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/review", ListAsync).RequireAuthorization(SecurityServiceCollectionExtensions.TrainerPolicy)
            .WithSummary("Review items, oldest first: ?locale=&status=pending|labelled|skipped|all&since=&limit=&after= (trainer, admin).");
        app.MapPost("/api/review/{id}/label", LabelAsync).RequireAuthorization(SecurityServiceCollectionExtensions.TrainerPolicy)
            .WithSummary("Label an item {\"intent\":\"x\"} or {\"intent\":\"oos\"} (its row is appended to train-data/<locale>.tsv), or {\"skip\":true} (trainer, admin).");
        return app;
    }

    /// <summary>A page: <c>next</c> is the <c>after</c> of the following page, null on the last.</summary>
    public sealed record ReviewList(IReadOnlyList<ReviewView> Items, string? Next);

    private static async Task<IResult> ListAsync(string? locale, string? status, string? since, int? limit, string? after, IReviewStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ReviewStatus? wanted = ReviewStatus.Pending;
        if (status is "all") wanted = null;
        else if (status is not null)
        {
            // Names only: Enum.TryParse would also take "1".
            var named = Enum.GetValues<ReviewStatus>().Where(s => string.Equals(ReviewView.StatusName(s), status, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1) wanted = named[0];
            else errors["status"] = [$"must be pending, labelled, skipped or all; got '{status}'."];
        }

        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) from = at;
            else errors["since"] = [$"must be an ISO 8601 instant such as 2026-01-15T00:00:00Z; got '{since}'."];
        }

        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be 1 to {MaxLimit}; leave it out for {DefaultLimit}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var query = new ReviewQuery { Locale = string.IsNullOrWhiteSpace(locale) ? null : locale.Trim(), Status = wanted, Since = from, After = after, Limit = limit ?? DefaultLimit };
        var page = await store.ListAsync(query, cancellationToken);
        return Results.Ok(new ReviewList([.. page.Items.Select(ReviewView.Of)], page.Next));
    }

    private static async Task<IResult> LabelAsync(string id, JsonElement? body, ClaimsPrincipal user, ReviewLabeling labeling, TrainingFiles files, IReviewStore store, CancellationToken cancellationToken)
    {
        var json = new JsonBody(body, Fields);
        var (givenIntent, intent) = json.String("intent", MaxIntent);
        var skip = json.Value("skip") is { } value ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Invalid(json, "skip", "must be true (or leave it out and give an intent)."),
        } : false;
        if (json.Errors.Count == 0 && skip == (givenIntent && intent is not null))
        {
            json.Add("body", skip
                ? "give either an intent or skip, not both."
                : "required: {\"intent\":\"order_status\"}, {\"intent\":\"oos\"} for out of scope, or {\"skip\":true}.");
        }

        if (json.Errors.Count > 0) return Results.ValidationProblem(json.Errors);
        var by = user.Identity?.Name ?? "trainer";
        if (skip) return Updated(await labeling.SkipAsync(id, by, cancellationToken), id);

        var label = intent!.ToLowerInvariant();
        if (await store.FindAsync(id, cancellationToken) is not { } item) return NotFound(id);
        var known = files.KnownIntents(item.Locale);
        if (!known.Contains(label, StringComparer.Ordinal))
        {
            var closest = ClosestIntents.Of(label, known.Where(k => k != IntentPrediction.OutOfScope));
            var problem = closest.Count == 0
                ? $"'{intent}' is not an intent of locale {item.Locale}: it has no model and no training file with intents yet; label it oos, or add {item.Locale}.tsv to the training data with its intents first."
                : $"'{intent}' is not an intent of locale {item.Locale} (its model or training file); the closest are {string.Join(", ", closest)}; give one of them, or oos for out of scope.";
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["intent"] = [problem] },
                extensions: new Dictionary<string, object?> { ["closest"] = closest });
        }

        var (outcome, labelled, file) = await labeling.LabelAsync(id, label, by, cancellationToken);
        return outcome switch
        {
            LabelOutcome.Labelled => Results.Ok(new { item = ReviewView.Of(labelled!), file }),
            LabelOutcome.NotFound => NotFound(id),
            LabelOutcome.NoText => Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"review item {id} has no text to train on (or its locale cannot name a file); skip it."] }),
            _ => Conflict(labelled!),
        };
    }

    private static IResult Updated(ReviewUpdate update, string id) => update.Status switch
    {
        ReviewUpdateStatus.Done => Results.Ok(new { item = ReviewView.Of(update.Item!) }),
        ReviewUpdateStatus.NotFound => NotFound(id),
        _ => Conflict(update.Item!),
    };

    private static bool Invalid(JsonBody json, string field, string message)
    {
        json.Add(field, message);
        return false;
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such review item", detail: $"review item {id} does not exist (it may have been purged or erased); list them with GET /api/review.");

    private static IResult Conflict(ReviewItem item) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Labelled already",
            detail: $"review item {item.Id} was labelled '{item.Label}' by {item.ChangedBy} at {item.ChangedAt:O}; a label is final (edit train-data/{item.Locale}.tsv to change it).");
}
