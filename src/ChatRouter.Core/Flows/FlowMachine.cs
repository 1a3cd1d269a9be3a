using ChatRouter.Conversations;
using ChatRouter.Replies;
using Stateless;

namespace ChatRouter.Flows;

/// <summary>
/// The Stateless machine of one flow, built per turn over the conversation's stored state (accessor and
/// mutator), so the machine itself holds nothing between messages. Transitions on the same trigger are tried
/// in file order and the first whose guard holds is taken: each guard is made exclusive of the earlier ones,
/// which Stateless requires.
/// </summary>
internal sealed class FlowMachine
{
    public const string NextTrigger = "next";

    private readonly StateMachine<string, string> _machine;
    private readonly Func<ScriptExpression, bool> _guard;
    private Option? _chosen;

    public FlowMachine(CompiledFlow flow, Conversation conversation, Func<ScriptExpression, bool> guard)
    {
        _guard = guard;
        _machine = new StateMachine<string, string>(() => conversation.State!, s => conversation.State = s, FiringMode.Immediate);
        foreach (var state in flow.States.Values)
        {
            var configuration = _machine.Configure(state.Name);
            var options = state.Transitions.Select(t => new Option(t.Trigger, t.Target, t.Guard, t.Actions))
                .Concat(state.QuickReplies.Select(q => new Option(q.Trigger, q.Definition.Target, q.Guard, q.Actions)));
            if (state.Definition.Next is { } next) options = options.Append(new Option(NextTrigger, next, null, []));
            foreach (var group in options.GroupBy(o => o.Trigger, StringComparer.Ordinal))
            {
                var alternatives = group.ToArray();
                foreach (var option in alternatives)
                {
                    bool Taken() => ReferenceEquals(Choose(alternatives), option);
                    if (option.Target == state.Name) configuration.PermitReentryIf(option.Trigger, Taken, option.Guard?.Source ?? "always");
                    else configuration.PermitIf(option.Trigger, option.Target, Taken, option.Guard?.Source ?? "always");
                }
            }
        }
    }

    /// <summary>Whether <paramref name="trigger"/> leads somewhere from the current state (guards evaluated).</summary>
    public bool CanFire(string trigger) => _machine.CanFire(trigger);

    /// <summary>Fires the trigger; returns the transition taken (its target and actions), or null when none applies.</summary>
    public Option? Fire(string trigger)
    {
        if (!_machine.CanFire(trigger)) return null;
        _chosen = null;
        _machine.Fire(trigger);
        return _chosen;
    }

    private Option? Choose(Option[] alternatives)
    {
        foreach (var option in alternatives)
        {
            if (option.Guard is null || _guard(option.Guard))
            {
                _chosen = option;
                return option;
            }
        }

        return null;
    }

    /// <summary>One way out of a state: a transition, a quick reply or <c>next</c>.</summary>
    internal sealed record Option(string Trigger, string Target, ScriptExpression? Guard, IReadOnlyList<CompiledAction> Actions);
}
