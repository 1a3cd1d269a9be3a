using ChatRouter.Audit;
using ChatRouter.Campaigns;
using ChatRouter.Guardrails;
using ChatRouter.Server.Security;
using ChatRouter.Server.Webhooks;
using ChatRouter.Wire;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Campaigns;

/// <summary>
/// <c>POST /api/campaigns</c> (crm, admin): an event type for an audience, answered 202 once stored (the same
/// idempotency key answers with the first campaign); <c>GET /api/campaigns/{id}</c> (crm, analyst, admin): the audience,
/// the expansion's progress, and what became of the messages, counted from the audit.
/// </summary>
internal static partial class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/campaigns", AcceptAsync)
            .RequireAuthorization(SecurityServiceCollectionExtensions.CrmPolicy)
            .WithName("PostCampaign")
            .WithSummary("Send an event type to an audience by phones or profile attributes; each member passes the guardrails (role crm).")
            .Produces<CampaignAccepted>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/campaigns/{id}", ReportAsync)
            .RequireAuthorization(p => p.RequireRole(Roles.Crm, Roles.Analyst, Roles.Admin))
            .WithName("GetCampaign")
            .WithSummary("A campaign's audience, progress and counts by decision, delivery and read (roles crm, analyst).")
            .Produces<CampaignReport>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>202 body: <c>status</c> is <c>accepted</c>, or <c>duplicate</c> when the key was seen before.</summary>
    public sealed record CampaignAccepted(string CampaignId, int Audience, string Status);

    public sealed record CampaignReport(
        string CampaignId, string Name, string Event, int Audience, int Expanded, string State, DateTimeOffset CreatedAt,
        IReadOnlyDictionary<string, int> Decisions, int Delivered, int Read, int Failed);

    private static async Task<IResult> AcceptAsync(
        HttpRequest request, CampaignIntake intake, IOptionsMonitor<CampaignsOptions> options, ILogger<CampaignIntake> logger, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.MaxBodyBytes;
        var body = await WebhookBody.ReadAsync(request, limit, cancellationToken);
        if (body is null)
            return Results.Problem($"The body is larger than Campaigns:MaxBodyBytes ({limit} bytes); split the phone list into several campaigns, or select the audience by attributes.", statusCode: StatusCodes.Status413PayloadTooLarge);

        CampaignIntake.Outcome outcome;
        try
        {
            outcome = await intake.AcceptAsync(body, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was stored, and the caller can send it again with the same key.
            LogStoreFailed(logger, e);
            return Results.Problem("The campaign cannot be stored right now; send it again later with the same idempotencyKey.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (outcome.Problems is { } problems) return Results.ValidationProblem(problems);
        var campaign = outcome.Campaign!;
        return Results.Accepted($"/api/campaigns/{campaign.Id}", new CampaignAccepted(campaign.Id, campaign.Audience, outcome.Created ? "accepted" : "duplicate"));
    }

    private static async Task<IResult> ReportAsync(string id, ICampaignStore campaigns, IAuditStore audit, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(id, cancellationToken) is not { } campaign)
            return Results.Problem($"No campaign has the id '{id}'; use the campaignId that POST /api/campaigns answered.", statusCode: StatusCodes.Status404NotFound);

        var counts = await audit.CountCampaignAsync(id, cancellationToken);
        // Every decision is listed, zero or not, so a dashboard reads the same shape every time.
        var decisions = WireName.All<Decision>().ToDictionary(d => d, d => counts.Decisions.GetValueOrDefault(d), StringComparer.Ordinal);
        return Results.Ok(new CampaignReport(
            campaign.Id, campaign.Name, campaign.EventType, campaign.Audience, campaign.Expanded,
            campaign.State == CampaignState.Expanded ? "expanded" : "expanding", campaign.CreatedAt,
            decisions, counts.Delivered, counts.Read, counts.Failed));
    }

    [LoggerMessage(EventId = 5304, Level = LogLevel.Error, Message = "Storing a campaign failed; answered 503 so the caller sends it again")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
