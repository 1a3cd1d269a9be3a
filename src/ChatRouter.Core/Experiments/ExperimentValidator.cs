using System.Text.Json;
using ChatRouter.Diagnostics;
using ChatRouter.Flows;

namespace ChatRouter.Experiments;

/// <summary>
/// What the schema cannot see: that the target, the goal and every quick reply or template a variant names exist
/// in the flows in force, that weights add up to 100 with one control, and that no two experiments share a target.
/// Each problem is reported at its value in the file, with the fix.
/// </summary>
internal sealed partial class ExperimentValidator(JsonSource source, ExperimentDefinition definition, ExperimentValidator.Context context, DiagnosticBag diagnostics)
{
    private const int TotalWeight = 100;

    /// <summary>The flows, WhatsApp message template names and event types an experiment may name.</summary>
    public sealed record Context(IReadOnlyDictionary<string, CompiledFlow> Flows, IReadOnlySet<string> Templates, IReadOnlySet<string> Events)
    {
        public static Context Of(string flowsDirectory, IReadOnlyCollection<CompiledFlow> flows)
        {
            var events = new HashSet<string>(StringComparer.Ordinal);
            foreach (var flow in flows)
            {
                events.UnionWith(flow.Definition.Triggers.Events.Select(e => e.Type));
                foreach (var state in flow.Definition.States.Values)
                {
                    events.UnionWith(state.Transitions.Where(t => t.On.StartsWith("event:", StringComparison.Ordinal)).Select(t => t.On["event:".Length..]));
                    events.UnionWith(state.Actions.Concat(state.Transitions.SelectMany(t => t.Actions)).Concat(state.QuickReplies.SelectMany(q => q.Actions))
                        .Where(a => a.Do == "emit" && a.Event is not null).Select(a => a.Event!));
                }
            }

            return new Context(flows.ToDictionary(f => f.Id, StringComparer.Ordinal), TemplateNames(flowsDirectory), events);
        }

        /// <summary>The names declared in whatsapp-templates.json (the server reports a broken file itself).</summary>
        private static HashSet<string> TemplateNames(string flowsDirectory)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            var path = System.IO.Path.Combine(flowsDirectory, "whatsapp-templates.json");
            if (!File.Exists(path)) return names;
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                if (document.RootElement.ValueKind != JsonValueKind.Array) return names;
                foreach (var item in document.RootElement.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                        names.Add(name.GetString()!);
                }
            }
            catch (JsonException)
            {
                // Left empty: every template an experiment names is then reported unknown, which points at the file.
            }

            return names;
        }
    }

    private string Path => source.Path;

    public void Validate(IReadOnlyList<Experiment> earlier)
    {
        if (earlier.FirstOrDefault(e => e.Name == definition.Name) is { } same)
            diagnostics.Error(Path, source.ValueAt("/name"), $"experiment name '{definition.Name}' is already used by {same.FilePath}; names must be unique");
        if (earlier.FirstOrDefault(e => e.Definition.Target.ToString() == definition.Target.ToString()) is { } rival)
            diagnostics.Error(Path, source.ValueAt("/target"), $"experiment '{rival.Name}' ({rival.FilePath}) already targets {definition.Target}; one target takes one experiment at a time, so stop and delete that one first");

        CheckVariants();
        CheckGoal();
        if (!CheckTargetShape()) return;
        var states = definition.Target.WhatsappTemplate is { } template ? TemplateStates(template) : ReplyStates();
        if (states is null) return;
        for (var i = 0; i < definition.Variants.Count; i++) CheckChanges(i, definition.Variants[i], states);
    }

    private void CheckVariants()
    {
        var variants = definition.Variants;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variants.Count; i++)
        {
            var variant = variants[i];
            if (!seen.Add(variant.Name))
                diagnostics.Error(Path, source.ValueAt($"/variants/{i}/name"), $"variant name '{variant.Name}' is used twice; give each variant its own name");
            if (variant.Weight is < 1 or > TotalWeight)
                diagnostics.Error(Path, source.ValueAt($"/variants/{i}/weight"), $"variant '{variant.Name}' has weight {variant.Weight}; a weight is a whole percentage from 1 to {TotalWeight} (drop a variant rather than weigh it 0)");
        }

        var total = variants.Sum(v => v.Weight);
        if (variants.TrueForAll(v => v.Weight > 0) && total != TotalWeight)
            diagnostics.Error(Path, source.ValueAt("/variants"), $"the weights add up to {total}, not {TotalWeight}; they are percentages of customers ({string.Join(" + ", variants.Select(v => v.Weight))})");

        var controls = variants.Select((v, i) => (v, i)).Where(p => p.v.Control).ToList();
        if (controls.Count == 0)
            diagnostics.Error(Path, source.ValueAt("/variants"), "no control: mark the variant that keeps the flow's own text with \"control\": true; the others are compared with it");
        foreach (var (extra, i) in controls.Skip(1))
            diagnostics.Error(Path, source.ValueAt($"/variants/{i}/control"), $"variant '{extra.Name}' is a second control (the first is '{controls[0].v.Name}'); keep one");

        if (definition.Winner is { } winner)
        {
            if (definition.Status != ExperimentStatus.Stopped)
                diagnostics.Error(Path, source.ValueAt("/winner"), $"a winner is chosen when the experiment stops; set \"status\": \"stopped\" or remove \"winner\"");
            else if (!seen.Contains(winner))
                diagnostics.Error(Path, source.ValueAt("/winner"), $"winner '{winner}' is not a variant of this experiment{Suggest.DidYouMean(winner, seen)}");
        }
    }

    private bool CheckTargetShape()
    {
        var target = definition.Target;
        var reply = target.Flow is not null || target.Reply is not null;
        if (reply == (target.WhatsappTemplate is not null))
            diagnostics.Error(Path, source.ValueAt("/target"), "a target is either a flow's reply, {\"flow\": \"nps\", \"reply\": \"nps_question\"}, or a WhatsApp message template, {\"whatsappTemplate\": \"nps_survey\"}");
        else if (reply && (target.Flow is null || target.Reply is null))
            diagnostics.Error(Path, source.ValueAt("/target"), $"a reply target names both the flow and the reply key; add \"{(target.Flow is null ? "flow" : "reply")}\"");
        else return true;
        return false;
    }

    private void CheckGoal()
    {
        if (context.Events.Contains(definition.Goal)) return;
        diagnostics.Error(Path, source.ValueAt("/goal"),
            $"goal '{definition.Goal}' is no event a flow starts on, waits for or emits{Suggest.DidYouMean(definition.Goal, context.Events)}; POST /api/events takes only the types flows declare in triggers.events, so declare it there first");
    }
}
