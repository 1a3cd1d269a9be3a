using System.Security.Claims;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Routing;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Security;
using Microsoft.Extensions.Options;

namespace ChatRouter.Server.Agents;

/// <summary>
/// The agent API of docs/contracts.md: the handoff queue, claim and release, the conversation with its full history,
/// replies (through the same outbox, pace and window rules as the bot) and internal notes.
/// </summary>
internal static class AgentEndpoints
{
    public const int MaxText = 4096;

    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => Results.Ok(new { name = user.Identity?.Name, role = user.FindFirstValue(ClaimTypes.Role) }))
            .RequireAuthorization().WithSummary("Who the API key belongs to.");

        var agents = app.MapGroup("/api").RequireAuthorization(SecurityServiceCollectionExtensions.AgentPolicy);
        agents.MapGet("/handoffs", List).WithSummary("Open handoffs (status waiting or claimed): past their queue's SLA first, most over first, then oldest first.");
        agents.MapPost("/handoffs/{id}/claim", ClaimAsync)
            .WithSummary("Take a handoff; 409 when another agent holds it, unless an admin asks for ?takeover=true.");
        agents.MapPost("/handoffs/{id}/release", ReleaseAsync)
            .WithSummary("Hand the conversation back to the bot, at a state or the default flow's start; another agent's handoff only for an admin with ?takeover=true.");
        agents.MapGet("/conversations/{id}", GetAsync).WithSummary("The conversation: customer, flow, slots, consent, window, handoff and history.");
        agents.MapPost("/conversations/{id}/messages", AgentMessages.SendAsync)
            .WithSummary("Send the customer a message in a handoff you hold (an admin: ?takeover=true); 409 outside the 24-hour window.");
        agents.MapPost("/conversations/{id}/notes", NoteAsync).WithSummary("An internal note, never sent.");
        return app;
    }

    /// <summary>Body of release.</summary>
    public sealed record ReleaseRequest(string? State);

    /// <summary>Body of messages and notes.</summary>
    public sealed record TextRequest(string? Text);

    /// <summary>The agent behind the key: the key's identity holds claims, its name is shown.</summary>
    public static AgentIdentity Agent(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity?.Name ?? "agent", user.Identity?.Name ?? "agent");

    /// <summary>
    /// Taking a conversation from a colleague (or writing into one without its claim) is never implicit: only an
    /// admin may, and only when asking for it with <c>?takeover=true</c>. Null when allowed.
    /// </summary>
    public static IResult? RefuseTakeover(bool? takeover, ClaimsPrincipal user) =>
        takeover == true && !user.IsInRole(Roles.Admin)
            ? Results.Json(new { reason = "admin_only", message = "Only an admin key may take over a handoff (?takeover=true)." }, statusCode: StatusCodes.Status403Forbidden)
            : null;

    private static async Task<IResult> List(string? status, IConversationStore store, IOptionsMonitor<HandoffOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (status is not (null or "waiting" or "claimed"))
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["waiting or claimed"] });
        var now = time.GetUtcNow();
        var items = new List<AgentViews.HandoffListItem>();
        foreach (var conversation in await store.OpenHandoffsAsync(cancellationToken))
        {
            var handoff = conversation.Handoff!;
            if (status is not null && AgentViews.Name(handoff.Status) != status) continue;
            var profile = await store.GetProfileAsync(conversation.CustomerId, cancellationToken);
            var sla = options.CurrentValue.SlaOf(handoff.Queue);
            var last = (await store.GetMessagesAsync(conversation.Id, 20, cancellationToken)).LastOrDefault(m => m.Author == MessageAuthor.Customer);
            items.Add(new AgentViews.HandoffListItem(
                conversation.Id,
                new AgentViews.CustomerView(conversation.CustomerId, profile?.Phone, profile?.Name),
                handoff.Queue,
                handoff.Reason,
                conversation.Locale,
                (long)(now - handoff.RequestedAt).TotalSeconds,
                last?.Text,
                handoff.ClaimedBy,
                AgentViews.Name(handoff.Status),
                handoff.RequestedAt,
                handoff.ClaimedAt,
                (long)sla.TotalSeconds,
                HandoffSla.OverSeconds(handoff.RequestedAt, handoff.ClaimedAt, sla, now)));
        }

        // Breached first, so the customers who waited longest past their promise are the ones an agent sees.
        return Results.Ok(items.OrderByDescending(i => i.OverSlaSeconds).ThenBy(i => i.RequestedAt));
    }

    private static async Task<IResult> ClaimAsync(string id, bool? takeover, ClaimsPrincipal user, ConversationEngine engine, CancellationToken cancellationToken)
    {
        if (RefuseTakeover(takeover, user) is { } refused) return refused;
        var result = await engine.ClaimAsync(id, Agent(user), takeover == true, cancellationToken);
        return result.Outcome switch
        {
            AgentOutcome.Ok => Results.Ok(AgentViews.Of(result.Conversation!.Handoff)),
            AgentOutcome.ClaimedByOther => Results.Conflict(new { reason = "claimed", claimedBy = result.ClaimedBy }),
            _ => NotOpen(result.Outcome),
        };
    }

    private static async Task<IResult> ReleaseAsync(string id, bool? takeover, ReleaseRequest? request, ClaimsPrincipal user, ConversationEngine engine, ServerMetrics metrics, CancellationToken cancellationToken)
    {
        if (RefuseTakeover(takeover, user) is { } refused) return refused;
        var result = await engine.ReleaseAsync(id, Agent(user), takeover == true, request?.State, cancellationToken);
        switch (result.Outcome)
        {
            case AgentOutcome.Ok:
                metrics.Resolved(result.Ended!);
                return Results.Ok(new { conversationId = id, flow = result.Conversation!.FlowId, state = result.Conversation.State });
            case AgentOutcome.ClaimedByOther:
                return Results.Conflict(new { reason = "claimed", claimedBy = result.ClaimedBy });
            case AgentOutcome.UnknownState:
                return Results.BadRequest(new { reason = "unknown_state", message = $"'{request?.State}' is not a state of the conversation's flow; give 'state' of the current flow or 'flow/state'." });
            default:
                return NotOpen(result.Outcome);
        }
    }

    private static async Task<IResult> GetAsync(string id, IConversationStore store, IOutboxStore outbox, TimeProvider time, CancellationToken cancellationToken)
    {
        var conversation = await store.GetConversationAsync(id, cancellationToken);
        var profile = conversation is null ? null : await store.GetProfileAsync(conversation.CustomerId, cancellationToken);
        if (conversation is null || profile is null) return Results.NotFound(new { reason = "not_found" });
        var messages = await store.GetMessagesAsync(id, 200, cancellationToken);
        var sent = (await outbox.ForConversationAsync(id, cancellationToken)).ToDictionary(e => e.Id, StringComparer.Ordinal);
        return Results.Ok(AgentViews.Of(conversation, profile, messages, sent, time.GetUtcNow()));
    }

    private static async Task<IResult> NoteAsync(string id, TextRequest? request, ClaimsPrincipal user, ConversationEngine engine, CancellationToken cancellationToken)
    {
        if (Invalid(request?.Text) is { } problem) return problem;
        var result = await engine.AddNoteAsync(id, Agent(user), request!.Text!, cancellationToken);
        return result.Outcome == AgentOutcome.Ok ? Results.Created($"/api/conversations/{Uri.EscapeDataString(id)}", new { id = result.NoteId }) : NotOpen(result.Outcome);
    }

    public static IResult? Invalid(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["required"] })
        : text.Length > MaxText ? Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"at most {MaxText} characters (WhatsApp's limit); this is {text.Length}"] })
        : null;

    public static IResult NotOpen(AgentOutcome outcome) => outcome == AgentOutcome.NotFound
        ? Results.NotFound(new { reason = "not_found" })
        : Results.NotFound(new { reason = "no_open_handoff" });
}
