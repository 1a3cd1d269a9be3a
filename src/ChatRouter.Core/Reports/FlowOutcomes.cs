using ChatRouter.Flows;
using ChatRouter.Replies;

namespace ChatRouter.Reports;

/// <summary>
/// What the flows in force say about a turn's outcome. A <b>terminal</b> state ends its flow (<c>end: true</c>);
/// an <b>answer</b> state shows a reply, asks for no typed input, hands off to no one and is not its flow's
/// initial state (a first state greets, asks or offers a menu; answers come after). A <b>not-understood</b> reply
/// is the fallback text: the shared <c>system.fallback</c> or a flow's or state's own <c>fallback</c> key.
/// </summary>
internal sealed class FlowOutcomes
{
    private readonly HashSet<(string Flow, string State)> _resolving = [];
    private readonly HashSet<string> _fallbacks = new(StringComparer.Ordinal) { SharedTexts.Fallback };

    public FlowOutcomes(FlowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var flow in catalog.Flows)
        {
            if (flow.Definition.Fallback is { } flowFallback) _fallbacks.Add(flowFallback);
            foreach (var (name, state) in flow.States)
            {
                var definition = state.Definition;
                if (definition.Fallback is { } stateFallback) _fallbacks.Add(stateFallback);
                var answers = definition.Reply.Count > 0 && definition.Input is null && definition.Handoff is null && name != flow.Definition.Initial;
                if (definition.End || answers) _resolving.Add((flow.Id, name));
            }
        }
    }

    /// <summary>Whether a bot message written in <paramref name="flow"/>'s <paramref name="state"/> resolves what the customer asked.</summary>
    public bool Resolves(string? flow, string? state) => flow is not null && state is not null && _resolving.Contains((flow, state));

    /// <summary>Whether a bot message from reply key <paramref name="replyKey"/> says the bot did not understand.</summary>
    public bool IsNotUnderstood(string? replyKey) => replyKey is not null && _fallbacks.Contains(replyKey);
}
