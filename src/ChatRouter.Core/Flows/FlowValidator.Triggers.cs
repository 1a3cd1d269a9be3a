using System.Globalization;
using ChatRouter.Diagnostics;
using ChatRouter.Guardrails;
using ChatRouter.Replies;
using ChatRouter.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace ChatRouter.Flows;

/// <summary>What starts the flow from outside: keywords, and the business events with their content class; and the WhatsApp message template parameters those events' states send.</summary>
internal sealed partial class FlowValidator
{
    /// <summary>The reply key a flow's low-urgency events are listed by in a digest (one line per item).</summary>
    public const string DigestKey = "digest";

    private const string EventShape = "{\"type\": \"order.shipped\", \"category\": \"transactional|marketing\", \"urgency\": \"high|normal|low\"}";

    private void CheckTriggers()
    {
        foreach (var locale in _flow.Triggers.Keywords.Keys)
        {
            if (Locales.Find(locale, _flow.Locales) is null)
                Warning("/triggers/keywords/" + JsonSource.Escape(locale), $"keywords for '{locale}', which the flow does not declare in \"locales\"");
        }
    }

    /// <summary>Each event's class and TTL; the same type twice is an error (it would have two classes).</summary>
    private Dictionary<string, DeclaredEvent> CheckEvents()
    {
        var events = new Dictionary<string, DeclaredEvent>(StringComparer.Ordinal);
        for (var i = 0; i < _flow.Triggers.Events.Count; i++)
        {
            var trigger = _flow.Triggers.Events[i];
            var at = $"/triggers/events/{i}";
            if (!ContentClass.TryParse(trigger.Category, trigger.Urgency, out var content, out var errors))
            {
                foreach (var error in errors) Error($"{at}/{error.Field}", $"event '{trigger.Type}': {error.Field} {error.Message} Declare it as {EventShape}");
                continue;
            }

            TimeSpan? ttl = null;
            if (trigger.Ttl is not null)
            {
                if (TimeSpan.TryParse(trigger.Ttl, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero && parsed <= TimeSpan.FromDays(366)) ttl = parsed;
                else Error(at + "/ttl", $"ttl '{trigger.Ttl}' of event '{trigger.Type}' is not a duration from 00:00:01 to 366.00:00:00 (d.hh:mm:ss, e.g. 2.00:00:00)");
            }

            if (events.TryGetValue(trigger.Type, out var first))
            {
                Error(at + "/type", $"event '{trigger.Type}' is declared twice in this flow (first as {first.Content}); keep one declaration");
                continue;
            }

            events[trigger.Type] = new DeclaredEvent(content, ttl, _source.ValueAt(at));
        }

        return events;
    }

    private List<CompiledTemplateParameter> CheckTemplateParameters(string at, WhatsAppTemplateReference? reference)
    {
        var result = new List<CompiledTemplateParameter>();
        for (var i = 0; i < (reference?.Parameters.Count ?? 0); i++)
        {
            var parameter = reference!.Parameters[i];
            var pointer = $"{at}/{i}";
            var template = Template.Parse(parameter.Value);
            if (template.HasErrors)
                Error(pointer, $"WhatsApp message template parameter does not parse: {template.Messages[0]}");
            else if (parameter.Fallback is null && RendersEmptyForAStranger(template))
                Warning(pointer, $"WhatsApp message template parameter {i + 1} ('{parameter.Value}') renders empty for a customer with no name or attributes, and Meta refuses empty parameters (ChatRouter then sends \"-\"); give it a fallback: {{\"value\": \"{parameter.Value}\", \"fallback\": \"<reply key>\"}}");
            result.Add(new CompiledTemplateParameter(template, parameter.Fallback));
        }

        return result;
    }

    /// <summary>
    /// Renders the parameter for a customer the business knows nothing about (no name, no attributes) while every
    /// slot holds a value: slots come from the event that reached the state, the profile may well be empty. A slot's
    /// type is unknown here, so it is empty only if it is with a text, a number and a date alike.
    /// </summary>
    private bool RendersEmptyForAStranger(Template template)
    {
        var locale = _flow.Locales.FirstOrDefault() ?? "en";
        object[] samples = ["A1001", 1200, new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Unspecified)];
        foreach (var sample in samples)
        {
            var model = ReplyModel.Build(new Profiles.CustomerProfile { Locale = locale }, new Conversations.Conversation { FlowId = _flow.Id }, locale, new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero), null, null);
            model["slots"] = new AnySlots(sample);
            using var scope = ScriptContextPool.Rent(model, Locales.Culture(locale));
            try
            {
                if (!string.IsNullOrWhiteSpace(scope.Render(template))) return false;
            }
            catch (Scriban.Syntax.ScriptRuntimeException)
            {
                // At run time a failing parameter is sent empty too; another sample may suit it.
            }
        }

        return true;
    }

    /// <summary>Slots where every name holds <paramref name="sample"/>.</summary>
    private sealed class AnySlots(object sample) : ScriptObject
    {
        public override bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object value)
        {
            value = sample;
            return true;
        }

        public override bool Contains(string member) => true;
    }
}
