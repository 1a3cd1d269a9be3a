using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using Microsoft.Extensions.Logging;

namespace ChatRouter.Routing;

/// <summary>The shared, thread-safe parts every turn uses.</summary>
internal sealed class EngineServices
{
    public required Func<FlowCatalog> Catalog { get; init; }

    public required IConversationStore Store { get; init; }

    public required IIntentClassifier Classifier { get; init; }

    public required ILanguageDetector Detector { get; init; }

    public required IReadOnlyDictionary<string, IFlowHandler> Handlers { get; init; }

    public required RoutingOptions Routing { get; init; }

    public required EscalationOptions Escalation { get; init; }

    public required Keywords Keywords { get; init; }

    public required WhatsAppTemplates.IMarketingOptOutButtons OptOutButtons { get; init; }

    public required TimeProvider Time { get; init; }

    public required ILogger Logger { get; init; }

    /// <summary>The flow new conversations start in: <c>Routing:DefaultFlow</c>, else the catalog's default.</summary>
    public CompiledFlow? DefaultFlow(FlowCatalog catalog) => Routing.DefaultFlow is { } id ? catalog.Find(id) : catalog.Default;

    /// <summary>Time-ordered ids, so documents sort by creation.</summary>
    public string NewId() => SortableId.Next(Time.GetUtcNow());
}
