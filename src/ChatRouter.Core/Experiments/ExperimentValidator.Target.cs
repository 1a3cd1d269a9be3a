using ChatRouter.Diagnostics;
using ChatRouter.Flows;

namespace ChatRouter.Experiments;

/// <summary>The target and what each variant changes about it.</summary>
internal sealed partial class ExperimentValidator
{
    /// <summary>The states that say the target reply, with their flow; null (reported) when there are none.</summary>
    private List<(CompiledFlow Flow, CompiledState State)>? ReplyStates()
    {
        var target = definition.Target;
        if (!context.Flows.TryGetValue(target.Flow!, out var flow))
        {
            diagnostics.Error(Path, source.ValueAt("/target/flow"), $"target flow '{target.Flow}' is not loaded{Suggest.DidYouMean(target.Flow!, context.Flows.Keys)}");
            return null;
        }

        var states = flow.States.Values.Where(s => s.Definition.Reply.Contains(target.Reply!, StringComparer.Ordinal)).Select(s => (flow, s)).ToList();
        if (states.Count == 0)
        {
            var said = flow.States.Values.SelectMany(s => s.Definition.Reply).Distinct(StringComparer.Ordinal);
            diagnostics.Error(Path, source.ValueAt("/target/reply"), $"no state of flow '{flow.Id}' says reply '{target.Reply}'{Suggest.DidYouMean(target.Reply!, said)}; the target is a key in a state's \"reply\"");
            return null;
        }

        return states;
    }

    /// <summary>The states that send the target WhatsApp message template; null (reported) when there are none.</summary>
    private List<(CompiledFlow Flow, CompiledState State)>? TemplateStates(string template)
    {
        if (!context.Templates.Contains(template))
        {
            diagnostics.Error(Path, source.ValueAt("/target/whatsappTemplate"), $"WhatsApp message template '{template}' is not declared in whatsapp-templates.json{Suggest.DidYouMean(template, context.Templates)}");
            return null;
        }

        var states = context.Flows.Values.SelectMany(f => f.States.Values.Where(s => s.Definition.WhatsappTemplate?.Name == template).Select(s => (f, s))).ToList();
        if (states.Count == 0)
            diagnostics.Error(Path, source.ValueAt("/target/whatsappTemplate"), $"no flow state sends WhatsApp message template '{template}'; name it in a state's \"whatsappTemplate\" first");
        return states.Count == 0 ? null : states;
    }

    private void CheckChanges(int index, VariantDefinition variant, List<(CompiledFlow Flow, CompiledState State)> states)
    {
        var at = $"/variants/{index}";
        var changes = variant.Reply is not null || variant.QuickReplies is not null || variant.WhatsappTemplate is not null || variant.SendDelay is not null;
        if (variant.Control)
        {
            if (changes) diagnostics.Error(Path, source.ValueAt(at), $"the control '{variant.Name}' says what the flow says; move its changes to another variant");
            return;
        }

        if (!changes)
            diagnostics.Warning(Path, source.ValueAt(at), $"variant '{variant.Name}' changes nothing (no reply, quickReplies, whatsappTemplate or sendDelay); it is a second control");

        if (variant.Reply is { } copy)
        {
            if (definition.Target.WhatsappTemplate is not null)
                diagnostics.Error(Path, source.ValueAt(at + "/reply"), "a WhatsApp message template target varies the template, not the reply copy; use \"whatsappTemplate\" or target the reply");
            else
            {
                var locales = states[0].Flow.Locales;
                foreach (var locale in copy.Keys.Where(l => !locales.Contains(l, StringComparer.OrdinalIgnoreCase)))
                    diagnostics.Error(Path, source.NameAt($"{at}/reply/{JsonSource.Escape(locale)}"), $"flow '{states[0].Flow.Id}' is not written in '{locale}' (it has {string.Join(", ", locales)})");
            }
        }

        if (variant.QuickReplies is { } order) CheckOrder(at, order, states);
        if (variant.WhatsappTemplate is { } template)
        {
            if (!context.Templates.Contains(template))
                diagnostics.Error(Path, source.ValueAt(at + "/whatsappTemplate"), $"WhatsApp message template '{template}' is not declared in whatsapp-templates.json{Suggest.DidYouMean(template, context.Templates)}");
            foreach (var (flow, state) in states.Where(s => s.State.Definition.WhatsappTemplate is null))
                diagnostics.Error(Path, source.ValueAt(at + "/whatsappTemplate"), $"state '{state.Name}' of flow '{flow.Id}' sends no WhatsApp message template, so there is none to replace; add \"whatsappTemplate\" to the state");
        }
    }

    /// <summary>A new order is a permutation of the quick replies of each state whose menu goes with the target reply.</summary>
    private void CheckOrder(string at, List<string> order, List<(CompiledFlow Flow, CompiledState State)> states)
    {
        var menus = states.Where(s => s.State.QuickReplies.Count > 0 && s.State.Definition.Reply[^1] == definition.Target.Reply).ToList();
        if (definition.Target.WhatsappTemplate is not null || menus.Count == 0)
        {
            diagnostics.Error(Path, source.ValueAt(at + "/quickReplies"), $"the target carries no quick replies (they go with the last reply of a state that has them); remove \"quickReplies\" or target that reply");
            return;
        }

        foreach (var (flow, state) in menus)
        {
            var ids = state.QuickReplies.Select(q => q.Definition.Id).ToList();
            var missing = ids.Except(order, StringComparer.Ordinal).ToList();
            var unknown = order.Except(ids, StringComparer.Ordinal).ToList();
            if (missing.Count > 0 || unknown.Count > 0)
                diagnostics.Error(Path, source.ValueAt(at + "/quickReplies"),
                    $"state '{state.Name}' of flow '{flow.Id}' has quick replies {string.Join(", ", ids)}; list each once in the new order"
                    + (unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})" : "") + (missing.Count > 0 ? $" (missing: {string.Join(", ", missing)})" : ""));
        }
    }
}
