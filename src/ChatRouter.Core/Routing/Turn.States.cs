using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Messaging;
using ChatRouter.Replies;

namespace ChatRouter.Routing;

/// <summary>Moving through a flow: starting it, firing triggers on its machine, entering states, running actions.</summary>
internal sealed partial class Turn
{
    /// <summary>Guards against flows whose handler outcomes and <c>next</c> chain forever.</summary>
    private const int MaxHopsPerTurn = 32;

    /// <summary>
    /// Starts <paramref name="flow"/>. When it was started by <paramref name="trigger"/> (an intent or event) and
    /// its initial state has a transition on that trigger, the transition is taken at once, without saying the
    /// initial state's replies: "I was charged twice" lands in billing, not in the support menu.
    /// </summary>
    private async Task StartFlowAsync(CompiledFlow flow, IReadOnlyDictionary<string, object?>? slots, CancellationToken cancellationToken, string? trigger = null)
    {
        Conversation.FlowId = flow.Id;
        Conversation.FlowVersion = flow.Version;
        Conversation.Slots.Clear();
        foreach (var (name, value) in slots ?? new Dictionary<string, object?>()) Conversation.Slots[name] = value;
        Conversation.NotUnderstood = 0;
        _script.Invalidate();
        if (trigger is not null && flow.Initial.HasTrigger(trigger))
        {
            Conversation.State = flow.Initial.Name;
            if (await FireAsync(trigger, cancellationToken)) return;
        }

        await EnterAsync(flow.Initial.Name, cancellationToken);
    }

    /// <summary>Fires <paramref name="trigger"/> from the current state; false when no transition applies.</summary>
    private async Task<bool> FireAsync(string trigger, CancellationToken cancellationToken)
    {
        if (Flow is null || State is null) return false;
        var taken = new FlowMachine(Flow, Conversation, _script.IsTrue).Fire(trigger);
        if (taken is null) return false;
        await RunActionsAsync(taken.Actions, cancellationToken);
        await EnterAsync(taken.Target, cancellationToken);
        return true;
    }

    private async Task EnterAsync(string stateName, CancellationToken cancellationToken)
    {
        for (var hop = 0; hop < MaxHopsPerTurn; hop++)
        {
            var state = Flow!.States[stateName];
            Conversation.State = stateName;
            Conversation.InputAttempts = 0;
            _script.Invalidate();
            _journal.Report(new StateEvent(Flow.Id, stateName));
            var outcome = await RunActionsAsync(state.Actions, cancellationToken);

            if (state.Definition.Handoff is { } handoff)
            {
                if (state.Definition.Reply.Count > 0) _replies.SayState(state);
                await HandOffAsync(handoff.Reason, handoff.Queue, sayNotice: state.Definition.Reply.Count == 0, cancellationToken);
                return;
            }

            if (state.Definition.Reply.Count > 0) _replies.SayState(state);
            if (state.Definition.StartFlow is { } next)
            {
                await SwitchFlowAsync(next, cancellationToken);
                return;
            }

            if (state.Definition.End)
            {
                EndFlow();
                return;
            }

            var machine = new FlowMachine(Flow, Conversation, _script.IsTrue);
            var taken = (outcome is null ? null : machine.Fire(Triggers.Outcome(outcome))) ?? machine.Fire(FlowMachine.NextTrigger);
            if (taken is null)
            {
                if (outcome == HandlerResult.Error)
                {
                    EngineLog.OutcomeNotRouted(_services.Logger, Flow.Id, stateName, outcome);
                    Say(SharedTexts.Error);
                }

                return;
            }

            await RunActionsAsync(taken.Actions, cancellationToken);
            stateName = taken.Target;
        }

        EngineLog.TooManyHops(_services.Logger, Flow!.Id, stateName);
        _journal.Report(new ErrorEvent($"flow '{Flow.Id}' moved {MaxHopsPerTurn} times in one turn; stopped at '{stateName}'"));
        Say(SharedTexts.Error);
    }

    private async Task SwitchFlowAsync(string flowId, CancellationToken cancellationToken)
    {
        if (_catalog.Find(flowId) is { } target)
        {
            await StartFlowAsync(target, null, cancellationToken);
            return;
        }

        EngineLog.FlowMissing(_services.Logger, Flow!.Id, flowId);
        EndFlow();
        Say(SharedTexts.Error);
    }

    private void EndFlow()
    {
        Conversation.FlowId = null;
        Conversation.State = null;
        Conversation.Slots.Clear();
        _script.Invalidate();
    }

    /// <summary>Runs actions in order; returns the outcome of a handler call, if one ran.</summary>
    private async Task<string?> RunActionsAsync(IReadOnlyList<CompiledAction> actions, CancellationToken cancellationToken)
    {
        string? outcome = null;
        foreach (var action in actions)
        {
            var definition = action.Definition;
            switch (definition.Do)
            {
                case "set":
                    SetSlot(definition.Slot!, ScriptValues.ToStored(_script.Evaluate(action.Value!)));
                    break;
                case "unset":
                    Conversation.Slots.Remove(definition.Slot!);
                    _script.Invalidate();
                    break;
                case "setAttribute":
                    _journal.ProfileChanged = true;
                    Profile.Attributes[definition.Attribute!] = ScriptValues.ToStored(_script.Evaluate(action.Value!));
                    _script.Invalidate();
                    break;
                case "emit":
                    var data = action.Arguments.ToDictionary(a => a.Key, a => ScriptValues.ToStored(_script.Evaluate(a.Value)), StringComparer.Ordinal);
                    _journal.Report(new EmittedEvent(definition.Event!, data));
                    Log(MessageAuthor.System, $"event {definition.Event}", "event");
                    break;
                case "call":
                    outcome = await CallAsync(action, cancellationToken);
                    break;
            }
        }

        return outcome;
    }

    private async Task<string> CallAsync(CompiledAction action, CancellationToken cancellationToken)
    {
        var definition = action.Definition;
        if (!_services.Handlers.TryGetValue(definition.Handler!, out var handler))
        {
            EngineLog.HandlerMissing(_services.Logger, definition.Handler!, Flow?.Id);
            return HandlerResult.Error;
        }

        var args = action.Arguments.ToDictionary(a => a.Key, a => ScriptValues.ToText(_script.Evaluate(a.Value)), StringComparer.Ordinal);
        // Handlers receive the profile and may change it (consent.opt_in does).
        _journal.ProfileChanged = true;
        HandlerResult result;
        try
        {
            result = await handler.InvokeAsync(new HandlerRequest(args, Profile, Locale, Now) { RecordConsent = _journal.RecordConsent }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            EngineLog.HandlerFailed(_services.Logger, e, handler.Name, Flow?.Id, Conversation.State);
            return HandlerResult.Error;
        }

        if (definition.Into is { } slot) SetSlot(slot, ScriptValues.ToStored(result.Value));
        _script.Invalidate();
        return result.Outcome;
    }
}
