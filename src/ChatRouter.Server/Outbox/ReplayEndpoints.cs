using System.Globalization;
using System.Text.Json;
using ChatRouter.Server.Events;
using ChatRouter.Server.Security;
using ChatRouter.Server.Webhooks;

namespace ChatRouter.Server.Outbox;

/// <summary>
/// <c>POST /api/outbox/replay</c> (admin) <c>{"since", "until"?}</c>: after a provider outage, the messages that failed
/// on retryable errors with <c>FailedAt</c> in [since, until) (until defaults to now) go out again, each at most once;
/// 200 <c>{"requeued", "expired", "skipped"}</c>.
/// </summary>
internal static class ReplayEndpoints
{
    private const int MaxBodyBytes = 4096;

    public static IEndpointRouteBuilder MapOutboxReplay(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/outbox/replay", ReplayAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.AdminPolicy)
            .WithName("ReplayOutbox")
            .WithSummary("Send again the messages that failed on retryable provider errors in a time range, re-checked against the guardrails (role admin).")
            .Produces<OutboxReplayer.Counts>()
            .ProducesValidationProblem();
        return app;
    }

    private static async Task<IResult> ReplayAsync(HttpRequest request, OutboxReplayer replayer, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await WebhookBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        var problems = new RequestProblems();
        DateTimeOffset? since = null, until = null;
        try
        {
            using var document = JsonDocument.Parse(body ?? []);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) problems.Add("body", "an object: {\"since\": \"2026-01-15T09:00:00Z\", \"until\": \"2026-01-15T11:00:00Z\"}");
            else
            {
                since = Instant(root, "since", required: true, problems);
                until = Instant(root, "until", required: false, problems) ?? time.GetUtcNow();
            }
        }
        catch (JsonException e)
        {
            problems.Add("body", $"not JSON (at most {MaxBodyBytes} bytes): {e.Message}");
        }

        if (!problems.Any && since >= until) problems.Add("until", "must be later than since: the range is [since, until)");
        if (problems.Any) return Results.ValidationProblem(problems.ToDictionary());
        return Results.Ok(await replayer.ReplayAsync(since!.Value, until!.Value, cancellationToken));
    }

    private static DateTimeOffset? Instant(JsonElement body, string name, bool required, RequestProblems problems)
    {
        var text = problems.String(body, "", name, 40, required, "an ISO 8601 instant such as 2026-01-15T09:00:00Z (when the outage's failures began or ended)");
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        problems.Add(name, $"'{text}' is not an ISO 8601 instant such as 2026-01-15T09:00:00Z");
        return null;
    }
}
