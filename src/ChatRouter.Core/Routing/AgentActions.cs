using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Replies;

namespace ChatRouter.Routing;

/// <summary>
/// What human agents do to a handed-off conversation (claim it, write to the customer, leave notes, hand it
/// back to the bot) and what the handoff's timers record. Shares only the <see cref="TurnJournal"/> with the
/// customer's turns: agents never run the flow, they only say where the bot takes over again.
/// </summary>
internal sealed class AgentActions : IDisposable
{
    private readonly EngineServices _services;
    private readonly FlowCatalog _catalog;
    private readonly TurnJournal _journal;
    private readonly TurnScript _script;
    private readonly ReplyComposer _replies;

    public AgentActions(EngineServices services, TurnJournal journal)
    {
        _services = services;
        _catalog = services.Catalog();
        _journal = journal;
        _script = new TurnScript(services, journal);
        _replies = new ReplyComposer(services, _catalog, journal, _script);
    }

    public Conversation Conversation => _journal.Conversation;

    private DateTimeOffset Now => _journal.Now;

    private bool IsOpenHandoff => Conversation.Handoff is { Status: HandoffStatus.Waiting or HandoffStatus.Claimed };

    /// <summary>Takes the open handoff; <paramref name="takeover"/> (an admin's explicit request) takes it from another agent.</summary>
    public AgentOutcome Claim(AgentIdentity agent, bool takeover)
    {
        if (!IsOpenHandoff) return AgentOutcome.NoOpenHandoff;
        var handoff = Conversation.Handoff!;
        if (handoff.IsHeldBy(agent)) return AgentOutcome.Ok;
        if (handoff.ClaimedById is not null && !takeover) return AgentOutcome.ClaimedByOther;
        var from = handoff.ClaimedBy;
        handoff.Status = HandoffStatus.Claimed;
        handoff.ClaimedBy = agent.Name;
        handoff.ClaimedById = agent.Id;
        handoff.ClaimedAt ??= Now;
        _journal.Log(MessageAuthor.System, from is null ? $"claimed by {agent.Name}" : $"taken over by {agent.Name} from {from}", "handoff");
        return AgentOutcome.Ok;
    }

    /// <summary>
    /// Ends the handoff. The bot answers the customer's next message from <paramref name="state"/>
    /// (<c>state</c> of the current flow or <c>flow/state</c>), or from the default flow's start.
    /// </summary>
    public AgentOutcome Release(AgentIdentity agent, bool takeover, string? state, out Handoff? ended)
    {
        ended = null;
        if (!IsOpenHandoff) return AgentOutcome.NoOpenHandoff;
        var handoff = Conversation.Handoff!;
        if (handoff.ClaimedById is not null && !handoff.IsHeldBy(agent) && !takeover) return AgentOutcome.ClaimedByOther;
        if (!TryResolveState(state, out var flow, out var target)) return AgentOutcome.UnknownState;

        handoff.Status = HandoffStatus.Released;
        handoff.ReleasedAt = Now;
        ended = handoff;
        _journal.EndedHandoff = handoff;
        Conversation.Handoff = null;
        Conversation.NotUnderstood = 0;
        Conversation.InputAttempts = 0;
        Conversation.Pending = null;
        if (flow is null)
        {
            Conversation.FlowId = null;
            Conversation.State = null;
            Conversation.Slots.Clear();
        }
        else
        {
            if (flow.Id != Conversation.FlowId) Conversation.Slots.Clear();
            Conversation.FlowId = flow.Id;
            Conversation.FlowVersion = flow.Version;
            Conversation.State = target;
        }

        // The script model shows flow, state and slots, which changed above.
        _script.Invalidate();
        _journal.Log(MessageAuthor.System, $"handed back by {agent.Name}{(flow is null ? "" : $" to {flow.Id}/{target}")}", "handoff");
        return AgentOutcome.Ok;
    }

    private bool TryResolveState(string? state, out CompiledFlow? flow, out string? target)
    {
        target = null;
        flow = null;
        if (string.IsNullOrWhiteSpace(state))
        {
            flow = _services.DefaultFlow(_catalog);
            target = flow?.Initial.Name;
            return true;
        }

        var slash = state.IndexOf('/', StringComparison.Ordinal);
        flow = _catalog.Find(slash < 0 ? Conversation.FlowId : state[..slash]);
        target = slash < 0 ? state : state[(slash + 1)..];
        return flow is not null && flow.States.ContainsKey(target);
    }

    /// <summary>
    /// An agent's message to the customer: only into an open handoff the agent holds (an admin's explicit
    /// <paramref name="takeover"/> claims it first), and only inside the 24-hour window.
    /// </summary>
    public AgentOutcome Write(AgentIdentity agent, bool takeover, string text, out OutboundMessage? message)
    {
        message = null;
        var check = CanWrite(agent, takeover);
        if (check != AgentOutcome.Ok) return check;
        if (!Conversation.IsWindowOpen(Now)) return AgentOutcome.WindowLapsed;
        if (!Conversation.Handoff!.IsHeldBy(agent)) Claim(agent, takeover: true);

        message = new OutboundMessage { Id = _services.NewId(), Text = text.Trim(), Locale = _journal.Locale };
        _journal.Send(message, MessageAuthor.Agent).AgentName = agent.Name;
        if (Conversation.Handoff is { FirstResponseAt: null } handoff) handoff.FirstResponseAt = Now;
        return AgentOutcome.Ok;
    }

    /// <summary>Whether <paramref name="agent"/> may write into the conversation now (the window aside).</summary>
    public AgentOutcome CanWrite(AgentIdentity agent, bool takeover) =>
        !IsOpenHandoff ? AgentOutcome.NoOpenHandoff
        : Conversation.Handoff!.IsHeldBy(agent) || takeover ? AgentOutcome.Ok
        : AgentOutcome.NotClaimed;

    /// <summary>An internal note: stored in the history for agents, never sent.</summary>
    public string Note(AgentIdentity agent, string text)
    {
        var note = _journal.Log(MessageAuthor.Note, text.Trim(), "note");
        note.AgentName = agent.Name;
        return note.Id;
    }

    /// <summary>The handoff waited too long: the customer is told, once, in their language.</summary>
    public OutboundMessage? UnclaimedNotice()
    {
        if (Conversation.Handoff is not { Status: HandoffStatus.Waiting, UnclaimedNoticeAt: null } handoff) return null;
        handoff.UnclaimedNoticeAt = Now;
        return _replies.Say(SharedTexts.HandoffUnclaimed);
    }

    /// <summary>Records that the SLA warning for the open handoff was raised (once).</summary>
    public bool MarkSlaWarned()
    {
        if (Conversation.Handoff is not { SlaWarnedAt: null } handoff) return false;
        handoff.SlaWarnedAt = Now;
        return true;
    }

    public void Dispose() => _script.Dispose();
}
