using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.FlowTests;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Testing;

/// <summary>
/// The real engine, built the way <c>serve</c> builds it (<c>AddChatRouterCore</c> and <c>AddLiteDbStorage</c>),
/// over a real LiteDB store (in memory unless a file is given) and a fake clock.
/// </summary>
public sealed class TestEngine : IDisposable
{
    public const string Channel = "whatsapp";
    public const string Business = "15550001111";

    private readonly ServiceProvider _services;
    private readonly FlowSource _flows;

    public TestEngine(
        FlowCatalog catalog,
        IIntentClassifier? classifier = null,
        RoutingOptions? routing = null,
        KeywordOptions? keywords = null,
        EscalationOptions? escalation = null,
        string? storagePath = null,
        FakeTimeProvider? time = null)
    {
        _flows = new FlowSource(catalog);
        Time = time ?? new FakeTimeProvider(Some.Instant);
        Logs = new ListLogger();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Flows:Path"] = catalog.Directory, ["Storage:Path"] = storagePath ?? ":memory:" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(_flows);
        services.AddSingleton<ILogger<ConversationEngine>>(Logs);
        services.AddLogging();
        if (classifier is not null) services.AddSingleton(classifier);
        if (classifier is ILanguageDetector detector) services.AddSingleton(detector);
        services.AddSingleton(Options.Create(routing ?? new RoutingOptions()));
        services.AddSingleton(Options.Create(keywords ?? new KeywordOptions()));
        services.AddSingleton(Options.Create(escalation ?? new EscalationOptions()));
        services.AddChatRouterCore(configuration);
        services.AddLiteDbStorage(configuration);
        _services = services.BuildServiceProvider();
        Engine = _services.GetRequiredService<ConversationEngine>();
    }

    /// <summary>The flows in force; set it to change them between turns.</summary>
    public FlowCatalog Catalog
    {
        get => _flows.Current;
        set => _flows.Current = value;
    }

    public ConversationEngine Engine { get; }

    public FakeTimeProvider Time { get; }

    public ListLogger Logs { get; }

    public IConversationStore Store => _services.GetRequiredService<IConversationStore>();

    public Review.IReviewStore Review => _services.GetRequiredService<Review.IReviewStore>();

    public string Customer { get; set; } = "15551230000";

    public string? Phone { get; set; } = "+15551230000";

    /// <summary>A conversation-test engine scope: a fresh in-memory engine over <paramref name="catalog"/>.</summary>
    public static EngineScope Scope(FlowCatalog catalog)
    {
        var engine = new TestEngine(catalog);
        return new EngineScope(engine.Engine, engine);
    }

    public Task<TurnResult> SayAsync(string text, string? intent = null, double confidence = 1.0) =>
        SendAsync(new InboundMessage
        {
            Channel = Channel,
            BusinessNumber = Business,
            CustomerId = Customer,
            Phone = Phone,
            Text = text,
            PinnedIntent = intent is null ? null : new IntentPin(intent, confidence),
        });

    public Task<TurnResult> TapAsync(string id, string? title = null) =>
        SendAsync(new InboundMessage { Channel = Channel, BusinessNumber = Business, CustomerId = Customer, Phone = Phone, Kind = InboundKind.QuickReply, QuickReplyId = id, Text = title ?? id });

    public Task<TurnResult> MediaAsync(string kind) =>
        SendAsync(new InboundMessage { Channel = Channel, BusinessNumber = Business, CustomerId = Customer, Phone = Phone, Kind = InboundKind.Media, MediaType = kind });

    public Task<TurnResult> EventAsync(string type, Dictionary<string, object?>? data = null) =>
        Engine.HandleEventAsync(new BusinessEvent { Type = type, Data = data ?? [], Channel = Channel, BusinessNumber = Business, CustomerId = Customer, Phone = Phone }, null, CancellationToken.None);

    public Task<TurnResult> SendAsync(InboundMessage message) => Engine.HandleAsync(message, CancellationToken.None);

    public async Task<CustomerProfile> ProfileAsync() =>
        (await Store.FindProfileAsync([$"{Channel}:{Customer}"], null, CancellationToken.None))!;

    public async Task<Conversation> ConversationAsync()
    {
        var profile = await ProfileAsync();
        return (await Store.GetConversationAsync(Conversation.MakeId(Channel, Business, profile.Id), CancellationToken.None))!;
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>Keeps log entries so tests can check what operators would see.</summary>
public sealed class ListLogger : ILogger<ConversationEngine>
{
    public List<(LogLevel Level, EventId Id, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, eventId, formatter(state, exception)));
    }
}
