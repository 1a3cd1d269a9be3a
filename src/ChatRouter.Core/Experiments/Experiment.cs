namespace ChatRouter.Experiments;

/// <summary>A validated experiment, ready to apply: durations read and variant copy parsed once at load.</summary>
public sealed class Experiment
{
    /// <summary>As written.</summary>
    public required ExperimentDefinition Definition { get; init; }

    /// <summary>The file it came from.</summary>
    public required string FilePath { get; init; }

    /// <summary>How long after exposure a goal event counts.</summary>
    public required TimeSpan AttributionWindow { get; init; }

    /// <summary>The variants in file order (the order the cumulative weights follow).</summary>
    public required IReadOnlyList<ExperimentVariant> Variants { get; init; }

    /// <summary>Name.</summary>
    public string Name => Definition.Name;

    /// <summary>Status.</summary>
    public ExperimentStatus Status => Definition.Status;

    /// <summary>The control variant.</summary>
    public ExperimentVariant Control => Variants.First(v => v.Definition.Control);

    /// <summary>The variant named <paramref name="name"/>, or null.</summary>
    public ExperimentVariant? Find(string? name) => Variants.FirstOrDefault(v => v.Name == name);
}

/// <summary>A validated variant.</summary>
public sealed class ExperimentVariant
{
    /// <summary>As written.</summary>
    public required VariantDefinition Definition { get; init; }

    /// <summary>Replacement copy per locale, parsed.</summary>
    public required IReadOnlyDictionary<string, Scriban.Template> Copy { get; init; }

    /// <summary>How long the message is held before it is sent.</summary>
    public TimeSpan SendDelay { get; init; }

    /// <summary>Name.</summary>
    public string Name => Definition.Name;

    /// <summary>Weight.</summary>
    public int Weight => Definition.Weight;

    /// <summary>True for the control.</summary>
    public bool IsControl => Definition.Control;
}
