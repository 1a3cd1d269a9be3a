using ChatRouter.Diagnostics;
using ChatRouter.Experiments;
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

    /// <summary>Every locale some flow or the shared texts are written in.</summary>
    public IReadOnlyList<string> Locales { get; }

    internal ReplyBook Shared { get; }

    internal CompiledFlow? Default { get; }

    internal IEnumerable<CompiledFlow> Flows => _flows.Values;

    internal CompiledFlow? Find(string? id) => id is not null && _flows.TryGetValue(id, out var flow) ? flow : null;

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

        foreach (var (kind, select) in new (string, Func<CompiledFlow, IEnumerable<string>>)[] { ("intent", f => f.Definition.Triggers.Intents), ("event", f => f.Definition.Triggers.Events) })
        {
            foreach (var group in flows.SelectMany(f => select(f).Select(name => (name, f))).GroupBy(p => p.name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var owners = group.Select(p => p.f.Id).ToList();
                foreach (var (_, flow) in group.Skip(1))
                    diagnostics.Add(new Diagnostic(flow.FilePath, 1, 1, Severity.Error, $"{kind} '{group.Key}' starts both '{owners[0]}' and '{flow.Id}'; one {kind} may start one flow"));
            }
        }
    }
}
