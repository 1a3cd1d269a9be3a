namespace ChatRouter.Experiments;

/// <summary>An experiment file (<c>flows/experiments/&lt;name&gt;.json</c>) as written; see experiments.schema.json.</summary>
public sealed class ExperimentDefinition
{
    /// <summary>Unique name; assignments are keyed by it.</summary>
    public string Name { get; set; } = "";

    /// <summary>What it tests, in words.</summary>
    public string? Description { get; set; }

    /// <summary>Draft, running or stopped.</summary>
    public ExperimentStatus Status { get; set; }

    /// <summary>With <see cref="ExperimentStatus.Stopped"/>: the variant everyone gets (null: the control).</summary>
    public string? Winner { get; set; }

    /// <summary>The reply or WhatsApp message template that varies.</summary>
    public ExperimentTarget Target { get; set; } = new();

    /// <summary>The business event type that counts as a conversion.</summary>
    public string Goal { get; set; } = "";

    /// <summary>How long after exposure a goal event counts, e.g. <c>7d</c>.</summary>
    public string AttributionWindow { get; set; } = "";

    /// <summary>The variants, one of them the control.</summary>
    public List<VariantDefinition> Variants { get; set; } = [];
}

/// <summary>An experiment's lifecycle.</summary>
public enum ExperimentStatus
{
    /// <summary>Written, not applied: everyone sees the flow's own text.</summary>
    Draft,

    /// <summary>Customers are assigned and see their variant.</summary>
    Running,

    /// <summary>Everyone sees the winner, or the control when there is none; nobody is assigned any more.</summary>
    Stopped,
}

/// <summary>A flow's reply (<see cref="Flow"/> and <see cref="Reply"/>) or a WhatsApp message template.</summary>
public sealed class ExperimentTarget
{
    /// <summary>Flow id of a reply target.</summary>
    public string? Flow { get; set; }

    /// <summary>Reply-template key of a reply target.</summary>
    public string? Reply { get; set; }

    /// <summary>WhatsApp message template name of a template target.</summary>
    public string? WhatsappTemplate { get; set; }

    /// <summary>How the target reads in messages and as a uniqueness key.</summary>
    public override string ToString() => WhatsappTemplate is { } template ? "WhatsApp message template " + template : $"reply {Flow}/{Reply}";
}

/// <summary>One variant as written.</summary>
public sealed class VariantDefinition
{
    /// <summary>Variant name, unique in the experiment.</summary>
    public string Name { get; set; } = "";

    /// <summary>Whole percentage of customers assigned to it.</summary>
    public int Weight { get; set; }

    /// <summary>The baseline: it changes nothing.</summary>
    public bool Control { get; set; }

    /// <summary>Replacement copy per locale (Scriban).</summary>
    public Dictionary<string, string>? Reply { get; set; }

    /// <summary>Quick-reply ids in this variant's order.</summary>
    public List<string>? QuickReplies { get; set; }

    /// <summary>Another WhatsApp message template to send.</summary>
    public string? WhatsappTemplate { get; set; }

    /// <summary>Delay before sending, e.g. <c>2h</c>.</summary>
    public string? SendDelay { get; set; }
}
