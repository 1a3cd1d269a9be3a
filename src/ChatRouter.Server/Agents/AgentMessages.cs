using System.Security.Claims;
using ChatRouter.Conversations;
using ChatRouter.Outbox;
using ChatRouter.Routing;
using ChatRouter.Server.Metrics;
using ChatRouter.Server.Outbox;
using ChatRouter.Server.Templates;

namespace ChatRouter.Server.Agents;

/// <summary>
/// <c>POST /api/conversations/{id}/messages</c>: an agent's reply, sent through the same outbox, pace and window
/// rules as the bot's. The claim is checked before the <c>Idempotency-Key</c>, and the key counts per
/// conversation and per agent, so a retry returns the first message while a colleague's or another
/// conversation's key never does.
/// </summary>
internal static class AgentMessages
{
    public static async Task<IResult> SendAsync(
        string id, bool? takeover, AgentEndpoints.TextRequest? request, HttpRequest http, ClaimsPrincipal user, ConversationEngine engine,
        IConversationStore store, OutboxSender sender, IOutboxStore outbox, WhatsAppTemplateRegistry templates, ServerMetrics metrics, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (AgentEndpoints.RefuseTakeover(takeover, user) is { } refused) return refused;
        if (AgentEndpoints.Invalid(request?.Text) is { } problem) return problem;
        var agent = AgentEndpoints.Agent(user);
        var key = http.Headers["Idempotency-Key"].ToString();
        var scopedKey = key.Length > 0 ? $"agent:{id}:{agent.Id}:{key}" : null;
        if (scopedKey is not null)
        {
            // A retry is answered with the first message only while the agent may still write here.
            var current = await store.GetConversationAsync(id, cancellationToken);
            if (Refusal(current, agent, takeover == true) is { } outcome) return Answer(outcome, current, templates);
            if (await outbox.FindByIdempotencyKeyAsync(scopedKey, cancellationToken) is { } sent) return Queued(sent);
        }

        OutboxEntry? entry = null;
        AgentResult result;
        try
        {
            result = await engine.SendAgentMessageAsync(id, agent, takeover == true, request!.Text!, turn =>
            {
                var message = turn.Replies[0];
                entry = OutboxPlanner.Entry(turn.Conversation, message, scopedKey ?? "agent:" + message.Id, OutboxOrigin.Agent, time.GetUtcNow(), turn.Conversation.FlowId, agent.Name);
                return OutboxPlanner.Writes(turn, [entry]);
            }, cancellationToken);
        }
        catch (Exception) when (scopedKey is not null)
        {
            // The same retry raced this one and stored the message first (the key is unique): answer with it.
            if (await outbox.FindByIdempotencyKeyAsync(scopedKey, CancellationToken.None) is { } first) return Queued(first);
            throw;
        }

        if (result.Outcome != AgentOutcome.Ok) return Answer(result.Outcome, result.Conversation, templates, result.ClaimedBy);
        sender.Enqueue([entry!]);
        if (result.FirstResponse && result.Conversation!.Handoff is { } handoff) metrics.FirstResponse(handoff);
        return Queued(entry!);
    }

    private static AgentOutcome? Refusal(Conversation? conversation, AgentIdentity agent, bool takeover) =>
        conversation is null ? AgentOutcome.NotFound
        : conversation.Handoff is not { Status: HandoffStatus.Waiting or HandoffStatus.Claimed } handoff ? AgentOutcome.NoOpenHandoff
        : handoff.IsHeldBy(agent) || takeover ? null
        : AgentOutcome.NotClaimed;

    private static IResult Queued(OutboxEntry entry) => Results.Accepted(value: new { id = entry.Id, status = "queued" });

    private static IResult Answer(AgentOutcome outcome, Conversation? conversation, WhatsAppTemplateRegistry templates, string? claimedBy = null) => outcome switch
    {
        AgentOutcome.WindowLapsed => Results.Conflict(new
        {
            reason = "window_lapsed",
            message = "More than 24 hours have passed since the customer last wrote; WhatsApp only allows an approved WhatsApp message template now.",
            alternatives = new object[]
            {
                new
                {
                    type = "whatsapp_template",
                    templates = templates.All()
                        .Where(t => t.Status == "APPROVED" && t.Language == WhatsAppTemplateRegistry.MetaLanguage(conversation?.Locale ?? "en"))
                        .Select(t => t.Name).ToList(),
                },
                new { type = "email_or_ticket", description = "Follow up outside WhatsApp (the downgrade channel)." },
                new { type = "note", description = "Leave an internal note for the team." },
            },
        }),
        AgentOutcome.NotClaimed => Results.Conflict(new
        {
            reason = "not_claimed",
            claimedBy = claimedBy ?? conversation?.Handoff?.ClaimedBy,
            message = "Claim the handoff before writing to the customer (an admin may take it over with ?takeover=true).",
        }),
        _ => AgentEndpoints.NotOpen(outcome),
    };
}
