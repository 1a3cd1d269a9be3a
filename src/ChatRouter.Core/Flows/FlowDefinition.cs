using System.Text.Json.Serialization;

namespace ChatRouter.Flows;

/// <summary>A flow file as authored (flows.schema.json); compiled into a <see cref="CompiledFlow"/>.</summary>
internal sealed class FlowDefinition
{
    public string Id { get; set; } = "";

    public int Version { get; set; }

    public string? Description { get; set; }

    public bool Default { get; set; }

    public List<string> Locales { get; set; } = [];

    public FlowTriggers Triggers { get; set; } = new();

    public string Initial { get; set; } = "";

    public string? Fallback { get; set; }

    public Thresholds? Thresholds { get; set; }

    public Dictionary<string, StateDefinition> States { get; set; } = [];
}

internal sealed class FlowTriggers
{
    public List<string> Intents { get; set; } = [];

    public List<EventTrigger> Events { get; set; } = [];

    public Dictionary<string, List<string>> Keywords { get; set; } = [];
}

/// <summary>A business event that starts the flow, with the class of what it sends (operations.md, content taxonomy).</summary>
internal sealed class EventTrigger
{
    public string Type { get; set; } = "";

    public string Category { get; set; } = "";

    public string Urgency { get; set; } = "";

    /// <summary>d.hh:mm:ss; checked by the validator.</summary>
    public string? Ttl { get; set; }
}

internal sealed class Thresholds
{
    public double? Accept { get; set; }

    public double? Clarify { get; set; }
}

internal sealed class StateDefinition
{
    public string? Description { get; set; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public List<string> Reply { get; set; } = [];

    public List<QuickReplyDefinition> QuickReplies { get; set; } = [];

    public ListDefinition? List { get; set; }

    public InputDefinition? Input { get; set; }

    public List<ActionDefinition> Actions { get; set; } = [];

    public List<TransitionDefinition> Transitions { get; set; } = [];

    public string? Next { get; set; }

    public HandoffDefinition? Handoff { get; set; }

    public string? StartFlow { get; set; }

    public bool End { get; set; }

    public string? Fallback { get; set; }

    public Thresholds? Thresholds { get; set; }

    public WhatsAppTemplateReference? WhatsappTemplate { get; set; }
}

internal sealed class QuickReplyDefinition
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string? Section { get; set; }

    public string Target { get; set; } = "";

    public string? Guard { get; set; }

    public List<ActionDefinition> Actions { get; set; } = [];
}

internal sealed class ListDefinition
{
    public string Button { get; set; } = "";

    public List<ListSectionDefinition> Sections { get; set; } = [];
}

internal sealed class ListSectionDefinition
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";
}

internal sealed class InputDefinition
{
    public string Slot { get; set; } = "";

    public InputType Type { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public bool Integer { get; set; }

    public int? MaxLength { get; set; }

    public string? Pattern { get; set; }

    public List<ChoiceDefinition> Choices { get; set; } = [];

    public int Retries { get; set; } = 2;

    public string? Invalid { get; set; }
}

internal enum InputType
{
    Text,
    Number,
    Email,
    Phone,
    Date,
    Choice,
    Regex,
}

internal sealed class ChoiceDefinition
{
    public string Value { get; set; } = "";

    public string Title { get; set; } = "";

    public Dictionary<string, List<string>> Synonyms { get; set; } = [];
}

internal sealed class TransitionDefinition
{
    public string On { get; set; } = "";

    public string Target { get; set; } = "";

    public string? Guard { get; set; }

    public List<ActionDefinition> Actions { get; set; } = [];
}

internal sealed class ActionDefinition
{
    public string Do { get; set; } = "";

    public string? Slot { get; set; }

    public string? Attribute { get; set; }

    public string? Value { get; set; }

    public string? Event { get; set; }

    public Dictionary<string, string> Data { get; set; } = [];

    public string? Handler { get; set; }

    public Dictionary<string, string> Args { get; set; } = [];

    public string? Into { get; set; }
}

internal sealed class HandoffDefinition
{
    public string Queue { get; set; } = "support";

    public string Reason { get; set; } = "flow";
}

internal sealed class WhatsAppTemplateReference
{
    public string Name { get; set; } = "";

    public List<TemplateParameterDefinition> Parameters { get; set; } = [];
}

/// <summary>A body parameter: a Scriban text, and the reply key said instead when it renders empty (written as a bare string when there is none).</summary>
[JsonConverter(typeof(TemplateParameterConverter))]
internal sealed class TemplateParameterDefinition
{
    public string Value { get; set; } = "";

    public string? Fallback { get; set; }
}
