using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Replies;

namespace ChatRouter.Routing;

/// <summary>What human agents do to a conversation: claim, write, note, hand back; and the handoff's timers.</summary>
internal sealed partial class Turn
{
    private bool IsOpenHandoff => Conversation.Handoff is { Status: HandoffStatus.Waiting or HandoffStatus.Claimed };

    public AgentOutcome Claim(string agent, bool force)
    {
        if (!IsOpenHandoff) return AgentOutcome.NoOpenHandoff;
        var handoff = Conversation.Handoff!;
        if (handoff.ClaimedBy is { } holder && holder != agent && !force) return AgentOutcome.ClaimedByOther;
        if (handoff.ClaimedBy == agent) return AgentOutcome.Ok;
        handoff.Status = HandoffStatus.Claimed;
        handoff.ClaimedBy = agent;
        handoff.ClaimedAt ??= Now;
        Log(MessageAuthor.System, $"claimed by {agent}", "handoff");
        return AgentOutcome.Ok;
    }

    /// <summary>
    /// Ends the handoff. The bot answers the customer's next message from <paramref name="state"/>
    /// (<c>state</c> of the current flow or <c>flow/state</c>), or from the default flow's start.
    /// </summary>
    public AgentOutcome Release(string agent, bool force, string? state, out Handoff? ended)
    {
        ended = null;
        if (!IsOpenHandoff) return AgentOutcome.NoOpenHandoff;
        var handoff = Conversation.Handoff!;
        if (handoff.ClaimedBy is { } holder && holder != agent && !force) return AgentOutcome.ClaimedByOther;
        if (!TryResolveState(state, out var flow, out var target)) return AgentOutcome.UnknownState;

        handoff.Status = HandoffStatus.Released;
        handoff.ReleasedAt = Now;
        ended = handoff;
        _endedHandoff = handoff;
        Conversation.Handoff = null;
        Conversation.NotUnderstood = 0;
        Conversation.InputAttempts = 0;
        Conversation.Pending = null;
        if (flow is null) EndFlow();
        else
        {
            if (flow.Id != Conversation.FlowId) Conversation.Slots.Clear();
            Flow = flow;
            Conversation.FlowId = flow.Id;
            Conversation.FlowVersion = flow.Version;
            Conversation.State = target;
            InvalidateModel();
        }

        Log(MessageAuthor.System, $"handed back by {agent}{(flow is null ? "" : $" to {flow.Id}/{target}")}", "handoff");
        return AgentOutcome.Ok;
    }

    private bool TryResolveState(string? state, out Flows.CompiledFlow? flow, out string? target)
    {
        target = null;
        flow = null;
        if (string.IsNullOrWhiteSpace(state))
        {
            flow = DefaultFlow;
            target = flow?.Initial.Name;
            return true;
        }

        var slash = state.IndexOf('/', StringComparison.Ordinal);
        flow = slash < 0 ? Flow : _catalog.Find(state[..slash]);
        target = slash < 0 ? state : state[(slash + 1)..];
        return flow is not null && flow.States.ContainsKey(target);
    }

    /// <summary>An agent's message to the customer; refused outside the 24-hour window or without the claim.</summary>
    public AgentOutcome AgentMessage(string agent, bool force, string text, out OutboundMessage? message)
    {
        message = null;
        if (IsOpenHandoff && Conversation.Handoff!.ClaimedBy != agent && !force) return AgentOutcome.NotClaimed;
        if (!IsOpenHandoff && !force) return AgentOutcome.NotClaimed;
        if (!Conversation.IsWindowOpen(Now)) return AgentOutcome.WindowLapsed;

        var id = _services.NewId();
        message = new OutboundMessage { Id = id, Text = text.Trim(), Locale = Locale };
        _replies.Add(message);
        _history.Add(new ConversationMessage
        {
            Id = id,
            ConversationId = Conversation.Id,
            At = Now,
            Author = MessageAuthor.Agent,
            Text = message.Text,
            AgentName = agent,
            Flow = Conversation.FlowId,
            State = Conversation.State,
        });
        if (Conversation.Handoff is { FirstResponseAt: null } handoff) handoff.FirstResponseAt = Now;
        return AgentOutcome.Ok;
    }

    /// <summary>An internal note: stored in the history for agents, never sent.</summary>
    public string Note(string agent, string text)
    {
        Log(MessageAuthor.Note, text.Trim(), "note");
        _history[^1].AgentName = agent;
        return _history[^1].Id;
    }

    /// <summary>The handoff waited too long: the customer is told, once, in their language.</summary>
    public OutboundMessage? UnclaimedNotice()
    {
        if (Conversation.Handoff is not { Status: HandoffStatus.Waiting, UnclaimedNoticeAt: null } handoff) return null;
        handoff.UnclaimedNoticeAt = Now;
        Say(SharedTexts.HandoffUnclaimed);
        return _replies[^1];
    }

    /// <summary>Records that the SLA warning for the open handoff was raised (once).</summary>
    public bool MarkSlaWarned()
    {
        if (Conversation.Handoff is not { SlaWarnedAt: null } handoff) return false;
        handoff.SlaWarnedAt = Now;
        return true;
    }
}

/// <summary>How an agent action went.</summary>
public enum AgentOutcome
{
    /// <summary>Done.</summary>
    Ok,

    /// <summary>No such conversation.</summary>
    NotFound,

    /// <summary>The conversation is not handed off.</summary>
    NoOpenHandoff,

    /// <summary>Another agent holds the handoff.</summary>
    ClaimedByOther,

    /// <summary>The agent does not hold the handoff.</summary>
    NotClaimed,

    /// <summary>The hand-back state does not exist.</summary>
    UnknownState,

    /// <summary>The 24-hour window has lapsed: only a WhatsApp message template may be sent.</summary>
    WindowLapsed,
}
