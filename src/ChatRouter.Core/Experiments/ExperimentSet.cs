namespace ChatRouter.Experiments;

/// <summary>The experiments in force, found by name or by what they target.</summary>
public sealed class ExperimentSet
{
    private readonly Dictionary<string, Experiment> _byName;
    private readonly Dictionary<string, Experiment> _byReply;
    private readonly Dictionary<string, Experiment> _byTemplate;

    internal ExperimentSet(IEnumerable<Experiment> experiments)
    {
        All = [.. experiments];
        _byName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);
        // The validator refuses two experiments on one target, so each key has one experiment.
        _byReply = All.Where(e => e.Definition.Target.Reply is not null)
            .ToDictionary(e => ReplyKey(e.Definition.Target.Flow!, e.Definition.Target.Reply!), StringComparer.Ordinal);
        _byTemplate = All.Where(e => e.Definition.Target.WhatsappTemplate is not null)
            .ToDictionary(e => e.Definition.Target.WhatsappTemplate!, StringComparer.Ordinal);
    }

    /// <summary>No experiments.</summary>
    public static ExperimentSet Empty { get; } = new([]);

    /// <summary>Every experiment that loaded, in file order.</summary>
    public IReadOnlyList<Experiment> All { get; }

    /// <summary>The experiment named <paramref name="name"/>, or null.</summary>
    public Experiment? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The experiment on reply <paramref name="key"/> of flow <paramref name="flowId"/>, or null.</summary>
    public Experiment? ForReply(string? flowId, string key) => flowId is null ? null : _byReply.GetValueOrDefault(ReplyKey(flowId, key));

    /// <summary>The experiment on WhatsApp message template <paramref name="name"/>, or null.</summary>
    public Experiment? ForTemplate(string? name) => name is null ? null : _byTemplate.GetValueOrDefault(name);

    private static string ReplyKey(string flowId, string key) => flowId + "\n" + key;
}
