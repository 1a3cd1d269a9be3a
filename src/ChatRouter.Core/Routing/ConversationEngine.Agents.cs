using ChatRouter.Conversations;
using ChatRouter.Messaging;

namespace ChatRouter.Routing;

/// <summary>The result of an agent action: the outcome, the conversation after it, and what it produced.</summary>
public sealed record AgentResult(AgentOutcome Outcome, Conversation? Conversation)
{
    /// <summary>The message an agent (or the unclaimed notice) sends, when there is one.</summary>
    public OutboundMessage? Message { get; init; }

    /// <summary>The agent holding the handoff (on <see cref="AgentOutcome.ClaimedByOther"/>).</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>The handoff episode that a release ended.</summary>
    public Handoff? Ended { get; init; }

    /// <summary>The id of a new note.</summary>
    public string? NoteId { get; init; }

    /// <summary>True when this was the agent's first message of the handoff (time to first response is measured).</summary>
    public bool FirstResponse { get; init; }
}

public sealed partial class ConversationEngine
{
    /// <summary>An agent claims the conversation's handoff; <paramref name="takeover"/> (an admin's explicit request) takes it from another agent.</summary>
    public Task<AgentResult> ClaimAsync(string conversationId, AgentIdentity agent, bool takeover, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions =>
        {
            var outcome = actions.Claim(agent, takeover);
            return new AgentResult(outcome, actions.Conversation) { ClaimedBy = actions.Conversation.Handoff?.ClaimedBy };
        }, null, cancellationToken);

    /// <summary>Ends the handoff; the bot answers the next message from <paramref name="state"/> or the default flow's start.</summary>
    /// <remarks>The ended episode is stored with the release (<see cref="TurnWrites.EndedHandoff"/>).</remarks>
    public Task<AgentResult> ReleaseAsync(string conversationId, AgentIdentity agent, bool takeover, string? state, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions =>
        {
            var outcome = actions.Release(agent, takeover, state, out var ended);
            return new AgentResult(outcome, actions.Conversation) { ClaimedBy = actions.Conversation.Handoff?.ClaimedBy, Ended = ended };
        }, null, cancellationToken);

    /// <summary>An agent writes to the customer; <paramref name="writes"/> stores the outbox entry in the same transaction.</summary>
    public Task<AgentResult> SendAgentMessageAsync(string conversationId, AgentIdentity agent, bool takeover, string text, Func<TurnResult, TurnWrites> writes, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions =>
        {
            var first = actions.Conversation.Handoff is { FirstResponseAt: null };
            var outcome = actions.Write(agent, takeover, text, out var message);
            return new AgentResult(outcome, actions.Conversation) { Message = message, ClaimedBy = actions.Conversation.Handoff?.ClaimedBy, FirstResponse = first && outcome == AgentOutcome.Ok };
        }, writes, cancellationToken);

    /// <summary>An internal note on the conversation.</summary>
    public Task<AgentResult> AddNoteAsync(string conversationId, AgentIdentity agent, string text, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions => new AgentResult(AgentOutcome.Ok, actions.Conversation) { NoteId = actions.Note(agent, text) }, null, cancellationToken);

    /// <summary>Tells a customer whose handoff nobody claimed in time that the team will get back to them (once).</summary>
    public Task<AgentResult> UnclaimedNoticeAsync(string conversationId, Func<TurnResult, TurnWrites> writes, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions =>
        {
            var message = actions.UnclaimedNotice();
            return new AgentResult(message is null ? AgentOutcome.NoOpenHandoff : AgentOutcome.Ok, actions.Conversation) { Message = message };
        }, writes, cancellationToken);

    /// <summary>Records, once, that the open handoff's SLA warning was raised.</summary>
    public Task<AgentResult> MarkSlaWarnedAsync(string conversationId, CancellationToken cancellationToken) =>
        WithConversationAsync(conversationId, actions => new AgentResult(actions.MarkSlaWarned() ? AgentOutcome.Ok : AgentOutcome.NoOpenHandoff, actions.Conversation), null, cancellationToken);

    /// <summary>Runs an agent action on a stored conversation under its lock and saves what the action changed.</summary>
    private async Task<AgentResult> WithConversationAsync(string conversationId, Func<AgentActions, AgentResult> action, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken)
    {
        var peek = await _services.Store.GetConversationAsync(conversationId, cancellationToken);
        if (peek is null) return new AgentResult(AgentOutcome.NotFound, null);
        using var held = await _locks.AcquireAsync(Identity(peek.Channel, peek.Address), cancellationToken);
        using var customer = await HoldProfileAsync(peek.CustomerId, cancellationToken);
        var conversation = await _services.Store.GetConversationAsync(conversationId, cancellationToken);
        var profile = customer.Found;
        if (conversation is null || profile is null) return new AgentResult(AgentOutcome.NotFound, null);
        conversation.UpdatedAt = _services.Time.GetUtcNow();
        var journal = new TurnJournal(_services, profile, conversation, conversation.Locale ?? _services.Routing.DefaultLocale);
        using var actions = new AgentActions(_services, journal);
        var result = action(actions);
        if (result.Outcome == AgentOutcome.Ok) await SaveAsync(journal, writes, cancellationToken);
        return result;
    }
}
