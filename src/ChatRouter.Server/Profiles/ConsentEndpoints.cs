using System.Security.Claims;
using System.Text.Json;
using ChatRouter.Consents;
using ChatRouter.Conversations;
using ChatRouter.Routing;
using ChatRouter.Server.Security;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>
/// <c>/api/profiles/{phone}/consent</c>: the customer's append-only consent ledger. Reading it is for agents,
/// CRMs and admins; appending is for CRMs and admins, and the API key's name is recorded as the actor.
/// </summary>
internal static class ConsentEndpoints
{
    public const int MaxEvidence = 1000;

    private static readonly string[] Fields = ["purpose", "status", "lawfulBasis", "source", "evidence", "actor", "at"];

    public static RouteGroupBuilder MapConsent(this RouteGroupBuilder profiles)
    {
        profiles.MapGet("/{phone}/consent", ListAsync).RequireAuthorization(SecurityServiceCollectionExtensions.ProfileReaderPolicy)
            .WithSummary("The customer's consent ledger, oldest first (agent, crm, admin).");
        profiles.MapPost("/{phone}/consent", AppendAsync).RequireAuthorization(SecurityServiceCollectionExtensions.CrmPolicy)
            .WithSummary("Append one consent entry; the latest entry per purpose is the current consent (crm, admin).");
        return profiles;
    }

    private static async Task<IResult> ListAsync(string phone, string? region, PhoneRoute phones, ConversationEngine engine, IConversationStore store, CancellationToken cancellationToken)
    {
        if (!phones.TryRead(phone, region, "phone", out var e164, out var problem)) return problem;
        if (await engine.FindProfileByPhoneAsync(e164, cancellationToken) is not { } profile) return PhoneRoute.Unknown(e164);
        var ledger = await store.GetConsentsAsync(profile.Id, cancellationToken);
        // When it took effect orders the ledger (an import may bring older entries later); ties keep their append order.
        return Results.Ok(ledger.OrderBy(r => r.At).ThenBy(r => r.Id, StringComparer.Ordinal).Select(ProfileViews.Of));
    }

    private static async Task<IResult> AppendAsync(
        string phone, string? region, JsonElement? body, ClaimsPrincipal user, PhoneRoute phones, ConversationEngine engine, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!phones.TryRead(phone, region, "phone", out var e164, out var problem)) return problem;
        var json = new JsonBody(body, Fields);
        if (body is null || body.Value.ValueKind == JsonValueKind.Null) json.Add("body", "required: {\"purpose\":\"marketing\",\"status\":\"granted\"} at least.");
        var request = new ConsentEntryRequest
        {
            Purpose = json.String("purpose", 64).Text,
            Status = json.String("status", 64).Text,
            LawfulBasis = json.String("lawfulBasis", 64).Text,
            Source = json.String("source", 64).Text,
            Evidence = json.String("evidence", MaxEvidence).Text,
            Actor = json.String("actor", ProfileChange.MaxText).Text,
            At = json.String("at", 64).Text,
        };
        request = request with { Actor = Actor(user, request.Actor) };
        var created = request.TryCreate(time.GetUtcNow(), out var entry, out var wireErrors);
        foreach (var error in wireErrors)
        {
            // A field the body reader refused already has its own message; do not add "is required" to it.
            if (!json.Errors.ContainsKey(error.Field)) json.Add(error.Field, error.Message);
        }

        if (json.Errors.Count > 0 || !created) return Results.ValidationProblem(json.Errors);
        var recorded = await engine.RecordConsentByPhoneAsync(e164, entry!, cancellationToken);
        if (recorded is null) return PhoneRoute.Unknown(e164);
        var (profile, record) = recorded.Value;
        return Results.Created($"/api/profiles/{Uri.EscapeDataString(e164)}/consent", new
        {
            entry = ProfileViews.Of(record),
            consent = new ProfileViews.ConsentView(Agents.AgentViews.Mark(profile.Consent.Marketing), Agents.AgentViews.Mark(profile.Consent.Transactional)),
        });
    }

    /// <summary>The authenticated key's name records who appended; an actor the caller names (a CRM user) is kept beside it.</summary>
    private static string Actor(ClaimsPrincipal user, string? named)
    {
        var key = user.Identity?.Name ?? "api";
        return named is null || named == key ? key : $"{key} ({named})";
    }
}
