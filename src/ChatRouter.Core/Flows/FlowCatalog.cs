using ChatRouter.Diagnostics;
using ChatRouter.Experiments;
using ChatRouter.Guardrails;
using ChatRouter.Handlers;
using ChatRouter.Replies;

namespace ChatRouter.Flows;

/// <summary>
/// Every flow of a folder, validated and compiled once, with the shared system texts. Flows that failed to
/// load are left out and their problems kept in <see cref="Diagnostics"/>.
/// </summary>
public sealed class FlowCatalog
{
    private readonly Dictionary<string, CompiledFlow> _flows;
    private readonly Dictionary<string, CompiledFlow> _starters = new(StringComparer.Ordinal);

    private FlowCatalog(string directory, Dictionary<string, CompiledFlow> flows, ReplyBook shared, IReadOnlyList<Diagnostic> diagnostics, int fileCount, ExperimentSet? experiments = null)
    {
        Experiments = experiments ?? ExperimentSet.Empty;
        Directory = directory;
        _flows = flows;
        Shared = shared;
        Diagnostics = diagnostics;
        FileCount = fileCount;
        Default = flows.Values.FirstOrDefault(f => f.Definition.Default);
        Locales = flows.Values.SelectMany(f => f.Locales).Concat(shared.Locales).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        var taxonomy = EventTaxonomy.Bundled;
        var ttls = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var flow in flows.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            foreach (var (type, declared) in flow.Events)
            {
                taxonomy = taxonomy.With(type, declared.Content);
                if (declared.Ttl is { } ttl) ttls[type] = ttl;
                _starters.TryAdd(type, flow);
            }
        }

        Taxonomy = taxonomy;
        EventTtls = ttls;
    }


    /// <summary>The folder the flows came from.</summary>
    public string Directory { get; }

    /// <summary>Every problem found while loading, errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The A/B experiments of <c>experiments/*.json</c> that loaded.</summary>
    public ExperimentSet Experiments { get; }

    /// <summary>Number of flow and experiment files found (loaded or not).</summary>
    public int FileCount { get; }

    /// <summary>Number of flows that loaded.</summary>
    public int Count => _flows.Count;

    /// <summary>Ids of the flows that loaded.</summary>
    public IEnumerable<string> FlowIds => _flows.Keys;

    /// <summary>
    /// Every known business event type and its class: the contract's bundled types, overlaid with what the loaded
    /// flows declare in <c>triggers.events</c> (a flow's declaration wins).
    /// </summary>
    public EventTaxonomy Taxonomy { get; }

    /// <summary>The TTLs flows declare per event type (<c>triggers.events[].ttl</c>); configuration's <c>Events:Ttl</c> wins over these.</summary>
    public IReadOnlyDictionary<string, TimeSpan> EventTtls { get; }

    /// <summary>The id and version of the flow that starts on business event <paramref name="eventType"/>, if one does.</summary>
    public (string Id, int Version)? StartingFlow(string eventType) => StartedBy(eventType) is { } flow ? (flow.Id, flow.Version) : null;

    /// <summary>The event types some loaded flow starts on, ordered.</summary>
    public IReadOnlyList<string> StartingEvents => [.. _starters.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Every locale some flow or the shared texts are written in.</summary>
    public IReadOnlyList<string> Locales { get; }

    internal ReplyBook Shared { get; }

    internal CompiledFlow? Default { get; }

    internal IEnumerable<CompiledFlow> Flows => _flows.Values;

    internal CompiledFlow? Find(string? id) => id is not null && _flows.TryGetValue(id, out var flow) ? flow : null;

    /// <summary>The flow that starts on business event <paramref name="type"/>, if one does.</summary>
    internal CompiledFlow? StartedBy(string type) => _starters.GetValueOrDefault(type);

    /// <summary>Loads every flow under <paramref name="directory"/>; never throws for bad files.</summary>
    public static FlowCatalog Load(string directory, IEnumerable<IFlowHandler> handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        var diagnostics = new DiagnosticBag();
        var handlerCatalog = new HandlerCatalog(handlers.Select(h => KeyValuePair.Create(h.Name, h.Outcomes)));
        if (!System.IO.Directory.Exists(directory))
        {
            diagnostics.Error(directory, TextPosition.Start, "the flows folder does not exist; pass --flows DIR or create it");
            return new FlowCatalog(directory, [], ReplyBook.Empty, diagnostics.Items, 0);
        }

        var shared = ReplyBook.Load(Path.Combine(directory, FlowLoader.SharedFolderName), diagnostics);
        var flows = new Dictionary<string, CompiledFlow>(StringComparer.Ordinal);
        var files = FlowLoader.FindFlowFiles(directory).ToList();
        foreach (var file in files)
        {
            var flow = FlowLoader.LoadFlow(file, shared, handlerCatalog, diagnostics);
            if (flow is null) continue;
            if (flows.TryGetValue(flow.Id, out var first))
            {
                diagnostics.Add(new Diagnostic(file, 1, 1, Severity.Error, $"flow id '{flow.Id}' is already used by {first.FilePath}; flow ids must be unique"));
                continue;
            }

            flows[flow.Id] = flow;
        }

        CheckAcrossFlows(flows.Values.ToList(), diagnostics);
        SharedTexts.Check(shared, flows.Values, Path.Combine(directory, FlowLoader.SharedFolderName), diagnostics);
        var experiments = ExperimentLoader.Load(directory, flows.Values, diagnostics);
        return new FlowCatalog(directory, flows, shared, diagnostics.Items, files.Count + ExperimentLoader.FindFiles(directory).Count, experiments);
    }

    private static void CheckAcrossFlows(List<CompiledFlow> flows, DiagnosticBag diagnostics)
    {
        var ids = flows.Select(f => f.Id).ToList();
        foreach (var flow in flows)
        {
            foreach (var (target, at) in flow.FlowLinks.Where(l => !ids.Contains(l.FlowId, StringComparer.Ordinal)))
                diagnostics.Add(new Diagnostic(flow.FilePath, at.Line, at.Column, Severity.Error, $"startFlow names flow '{target}', which is not loaded{Suggest.DidYouMean(target, ids)}"));
        }

        var defaults = flows.Where(f => f.Definition.Default).ToList();
        foreach (var extra in defaults.Skip(1))
            diagnostics.Add(new Diagnostic(extra.FilePath, 1, 1, Severity.Error, $"flow '{extra.Id}' is marked default, but so is '{defaults[0].Id}'; keep one"));

        foreach (var group in flows.SelectMany(f => f.Definition.Triggers.Intents.Select(name => (name, f))).GroupBy(p => p.name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var (_, flow) in group.Skip(1))
                diagnostics.Add(new Diagnostic(flow.FilePath, 1, 1, Severity.Error, $"intent '{group.Key}' starts both '{group.First().f.Id}' and '{flow.Id}'; one intent may start one flow"));
        }

        foreach (var group in flows.SelectMany(f => f.Events.Select(e => (Type: e.Key, Declared: e.Value, Flow: f))).GroupBy(p => p.Type, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var (type, declared, flow) in group.Skip(1))
            {
                var classes = declared.Content == first.Declared.Content ? "" : $", and they give it different classes ({first.Declared.Content} vs {declared.Content})";
                diagnostics.Add(new Diagnostic(flow.FilePath, declared.At.Line, declared.At.Column, Severity.Error, $"event '{type}' starts both '{first.Flow.Id}' and '{flow.Id}'{classes}; one event may start one flow, with one category and urgency"));
            }
        }
    }
}
