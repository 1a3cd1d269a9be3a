using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatRouter;

/// <summary>Registers the engine: flows from <c>Flows:Path</c>, routing options, handlers and the sample data.</summary>
public static class ChatRouterCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the flows of <c>Flows:Path</c>, the conversation engine, the built-in handlers and the options of
    /// <c>Routing</c>, <c>Keywords</c> and <c>Escalation</c>: the one way to build the engine (<c>serve</c>, <c>chat</c>,
    /// <c>test</c> and the test helpers). A store (<see cref="Conversations.IConversationStore"/>) must be
    /// registered too; without a classifier every free text is "not understood". Registrations made before this
    /// call win (a <see cref="FlowSource"/>, a classifier, a <see cref="TimeProvider"/>).
    /// </summary>
    public static IServiceCollection AddChatRouterCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection("Routing")).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<KeywordOptions>().Bind(configuration.GetSection("Keywords"));
        services.AddOptions<EscalationOptions>().Bind(configuration.GetSection("Escalation"));
        var flowsPath = configuration["Flows:Path"] ?? "flows";
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new SampleData(flowsPath));
        services.TryAddSingleton<IOrderService>(sp => sp.GetRequiredService<SampleData>());
        services.TryAddSingleton<ILoyaltyService>(sp => sp.GetRequiredService<SampleData>());
        services.AddSingleton<IFlowHandler, OrderLookupHandler>();
        services.AddSingleton<IFlowHandler, LoyaltyBalanceHandler>();
        foreach (var consent in ConsentHandler.All) services.AddSingleton<IFlowHandler>(consent);
        services.TryAddSingleton<NoIntentClassifier>();
        services.TryAddSingleton<IIntentClassifier>(sp => sp.GetRequiredService<NoIntentClassifier>());
        services.TryAddSingleton<ILanguageDetector>(sp => sp.GetRequiredService<NoIntentClassifier>());
        services.TryAddSingleton<WhatsAppTemplates.IMarketingOptOutButtons, WhatsAppTemplates.NoMarketingOptOutButtons>();
        services.TryAddSingleton(sp => new FlowSource(FlowCatalog.Load(flowsPath, sp.GetServices<IFlowHandler>())));
        services.TryAddSingleton(sp => sp.GetRequiredService<FlowSource>().Current);
        services.TryAddSingleton(sp =>
        {
            var flows = sp.GetRequiredService<FlowSource>();
            return new ConversationEngine(
                () => flows.Current,
                sp.GetRequiredService<Conversations.IConversationStore>(),
                sp.GetRequiredService<IIntentClassifier>(),
                sp.GetRequiredService<ILanguageDetector>(),
                sp.GetServices<IFlowHandler>(),
                sp.GetRequiredService<WhatsAppTemplates.IMarketingOptOutButtons>(),
                sp.GetRequiredService<IOptions<RoutingOptions>>(),
                sp.GetRequiredService<IOptions<KeywordOptions>>(),
                sp.GetRequiredService<IOptions<EscalationOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ConversationEngine>>());
        });
        return services;
    }

    /// <summary>The built-in handlers over the sample data of <paramref name="flowsDirectory"/> (for tools that run without a host).</summary>
    public static IReadOnlyList<IFlowHandler> BuiltInHandlers(string flowsDirectory)
    {
        var data = new SampleData(flowsDirectory);
        return
        [
            new OrderLookupHandler(data),
            new LoyaltyBalanceHandler(data),
            .. ConsentHandler.All,
        ];
    }
}
