using System.Globalization;
using ChatRouter.Audit;
using ChatRouter.Guardrails;
using ChatRouter.Routing;
using ChatRouter.Server.CustomerProfiles;
using ChatRouter.Server.Retention;
using ChatRouter.Server.Security;
using ChatRouter.Wire;

// Not ChatRouter.Server.Audit: that would hide ChatRouter.Audit from the server's other namespaces.
namespace ChatRouter.Server.OutboundAudit;

/// <summary><c>GET /api/audit/outbound</c> (admin): why each outbound message went out or did not, a page at a time.</summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/outbound", ListAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Outbound audit records, oldest first: ?customer=&since=&until=&decision=&limit=&after= (admin).");
        return app;
    }

    /// <summary>A page: <c>next</c> is the <c>after</c> of the following page, null on the last.</summary>
    public sealed record AuditPage(IReadOnlyList<AuditView> Records, string? Next);

    private static async Task<IResult> ListAsync(
        string? customer, string? region, string? since, string? until, string? decision, int? limit, string? after,
        PhoneRoute phones, ConversationEngine engine, IAuditStore audit, Pseudonyms pseudonyms, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        // An unencoded '+' in a query string arrives as a space: '?customer=+44…' means what it says.
        if (customer is [' ', ..]) customer = "+" + customer.TrimStart();
        var phone = customer is not null && phones.TryRead(customer, region, "customer", errors, out var e164) ? e164 : null;
        var from = Instant("since", since, errors);
        var to = Instant("until", until, errors);
        if (decision is not null && !WireName.TryParse<Decision>("decision", decision, out _, out var decisionError)) errors["decision"] = [decisionError.Message];
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"must be 1 to {MaxLimit}; leave it out for {DefaultLimit}."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var take = limit ?? DefaultLimit;
        var query = new AuditQuery { Since = from, Until = to, Decision = decision, After = after };
        IAsyncEnumerable<AuditRecord> records;
        if (phone is null)
        {
            records = audit.QueryAsync(query with { Limit = take + 1 }, cancellationToken);
        }
        else if (await engine.FindProfileByPhoneAsync(phone, cancellationToken) is { } profile)
        {
            records = audit.QueryAsync(query with { CustomerId = profile.Id, Limit = take + 1 }, cancellationToken);
        }
        else
        {
            // No profile has the phone (any more): an erased customer's records carry its pseudonym, a number merged
            // away its old phone. Neither is indexed, so this reads the records in range one by one.
            var pseudonym = await pseudonyms.OfAsync(phone, cancellationToken);
            records = audit.QueryAsync(query, cancellationToken).Where(r => r.Customer == phone || r.Customer == pseudonym).Take(take + 1);
        }

        var page = await records.Select(AuditView.Of).ToListAsync(cancellationToken);
        var more = page.Count > take;
        if (more) page.RemoveAt(page.Count - 1);
        return Results.Json(new AuditPage(page, more ? page[^1].Id : null), AuditView.Json);
    }

    private static DateTimeOffset? Instant(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) return at;
        errors[field] = [$"must be an ISO 8601 instant such as 2026-01-15T00:00:00Z; got '{text}'."];
        return null;
    }
}
