using System.Security.Claims;
using System.Text.Json;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Guardrails;
using ChatRouter.Routing;
using ChatRouter.Server.Retention;
using ChatRouter.Server.Security;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.CustomerProfiles;

/// <summary>
/// <c>/api/profiles</c>: one profile per person-number, addressed by phone in any common format. Changes go
/// through the engine, under the customer's lock, so they never race a turn of the same customer.
/// </summary>
internal static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder app)
    {
        var profiles = app.MapGroup("/api/profiles");
        profiles.MapPut("/{phone}", PutAsync).RequireAuthorization(SecurityServiceCollectionExtensions.CrmPolicy)
            .WithSummary("Create or update the profile of a phone (role crm or admin); fields left out keep their value.");
        profiles.MapGet("/{phone}", GetAsync).RequireAuthorization(SecurityServiceCollectionExtensions.ProfileReaderPolicy)
            .WithSummary("The profile of a phone, with its effective time zone and current consent (agent, crm, admin).");
        profiles.MapGet("/", FindAsync).RequireAuthorization(SecurityServiceCollectionExtensions.ProfileReaderPolicy)
            .WithSummary("The profiles of one CRM record: ?externalId=X (agent, crm, admin).");
        profiles.MapPost("/merge", MergeAsync).RequireAuthorization(SecurityServiceCollectionExtensions.CrmPolicy)
            .WithSummary("A number change: history, consent ledger and attributes of 'from' move to 'into' (crm, admin).");
        profiles.MapDelete("/{phone}", EraseAsync).RequireAuthorization(SecurityServiceCollectionExtensions.AdminPolicy)
            .WithSummary("Erase a customer: profile, conversations, messages, scheduled sends, review items; the audit keeps a pseudonym (admin).");
        profiles.MapConsent();
        return app;
    }

    /// <summary>Body of merge.</summary>
    public sealed record MergeRequest(string? From, string? Into);

    private static async Task<IResult> PutAsync(
        string phone, string? region, JsonElement? body, PhoneRoute phones, ConversationEngine engine, FlowSource flows,
        IOptionsMonitor<GuardrailOptions> guardrails, CancellationToken cancellationToken)
    {
        if (!phones.TryRead(phone, region, "phone", out var e164, out var problem)) return problem;
        if (!ProfileChange.TryRead(body, flows.Current.Locales, out var change, out var errors)) return Results.ValidationProblem(errors);
        var (profile, created) = await engine.UpdateProfileByPhoneAsync(e164, change.ApplyTo, cancellationToken);
        var view = ProfileViews.Of(profile, guardrails.CurrentValue);
        return created ? Results.Created($"/api/profiles/{Uri.EscapeDataString(e164)}", view) : Results.Ok(view);
    }

    private static async Task<IResult> GetAsync(
        string phone, string? region, PhoneRoute phones, ConversationEngine engine, IOptionsMonitor<GuardrailOptions> guardrails, CancellationToken cancellationToken)
    {
        if (!phones.TryRead(phone, region, "phone", out var e164, out var problem)) return problem;
        var profile = await engine.FindProfileByPhoneAsync(e164, cancellationToken);
        return profile is null ? PhoneRoute.Unknown(e164) : Results.Ok(ProfileViews.Of(profile, guardrails.CurrentValue));
    }

    private static async Task<IResult> FindAsync(string? externalId, IConversationStore store, IOptionsMonitor<GuardrailOptions> guardrails, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(externalId))
            return PhoneRoute.Problem("externalId", "required: the CRM's id of the customer, e.g. ?externalId=C-1001 (GET /api/profiles/{phone} reads one profile).");
        var found = await store.FindProfilesByExternalIdAsync(externalId, cancellationToken);
        return Results.Ok(found.Select(p => ProfileViews.Of(p, guardrails.CurrentValue)));
    }

    private static async Task<IResult> MergeAsync(
        MergeRequest? request, string? region, PhoneRoute phones, ConversationEngine engine, IOptionsMonitor<GuardrailOptions> guardrails, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var from = phones.TryRead(request?.From, region, "from", errors, out var e164) ? e164 : null;
        var into = phones.TryRead(request?.Into, region, "into", errors, out e164) ? e164 : null;
        if (from is not null && from == into) errors["into"] = [$"is the same number as 'from' ({from}); a merge needs the old number in 'from' and the new one in 'into'."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);

        var result = await engine.MergeProfilesAsync(from!, into!, cancellationToken);
        return result.Outcome switch
        {
            ProfileMergeOutcome.Merged => Results.Ok(ProfileViews.Of(result.Profile!, guardrails.CurrentValue)),
            ProfileMergeOutcome.FromNotFound => PhoneRoute.Unknown(from!, "from"),
            ProfileMergeOutcome.IntoNotFound => PhoneRoute.Unknown(into!, "into"),
            _ => PhoneRoute.Problem("into", $"{from} and {into} are one profile already; there is nothing to merge."),
        };
    }

    private static async Task<IResult> EraseAsync(string phone, string? region, PhoneRoute phones, CustomerErasure erasure, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!phones.TryRead(phone, region, "phone", out var e164, out var problem)) return problem;
        var erased = await erasure.EraseAsync(e164, user.Identity?.Name ?? "admin", cancellationToken);
        return erased is null
            ? PhoneRoute.Unknown(e164)
            : Results.Ok(new { erased = new { conversations = erased.Store.Conversations, messages = erased.Store.Messages, scheduled = erased.Scheduled, review = erased.Review, audit = erased.Audit } });
    }
}
