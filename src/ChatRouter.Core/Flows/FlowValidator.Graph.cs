namespace ChatRouter.Flows;

/// <summary>The shape of the state graph: every state reachable, no loop of 'next' without a pause.</summary>
internal sealed partial class FlowValidator
{
    private void CheckReachability()
    {
        if (!_flow.States.ContainsKey(_flow.Initial)) return;
        var reached = new HashSet<string>(StringComparer.Ordinal) { _flow.Initial };
        var queue = new Queue<string>([_flow.Initial]);
        while (queue.Count > 0)
        {
            var state = _flow.States[queue.Dequeue()];
            var targets = state.Transitions.Select(t => t.Target)
                .Concat(state.QuickReplies.Select(q => q.Target))
                .Append(state.Next);
            foreach (var target in targets)
            {
                if (target is not null && _flow.States.ContainsKey(target) && reached.Add(target)) queue.Enqueue(target);
            }
        }

        foreach (var name in _flow.States.Keys.Where(n => !reached.Contains(n)))
            Warning(StatePointer(name), $"state '{name}' cannot be reached from '{_flow.Initial}'; link it from another state or remove it");
    }

    private void CheckNextCycles()
    {
        var inReportedCycle = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in _flow.States.Keys.Where(s => !inReportedCycle.Contains(s)))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            for (var current = _flow.States[start].Next; current is not null && _flow.States.TryGetValue(current, out var state); current = state.Next)
            {
                if (current == start)
                {
                    Error(StatePointer(start) + "/next", $"'next' leads from '{start}' through {string.Join(" → ", seen.Skip(1))} back to '{start}' without waiting for the customer; break the loop");
                    inReportedCycle.UnionWith(seen);
                    break;
                }

                if (!seen.Add(current)) break;
            }
        }
    }
}
