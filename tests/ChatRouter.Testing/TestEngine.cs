using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Routing;
using ChatRouter.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatRouter.Testing;

/// <summary>The real engine over a real LiteDB store (in memory unless a file is given) and a fake clock.</summary>
public sealed class TestEngine : IDisposable
{
    public const string Channel = "whatsapp";
    public const string Business = "15550001111";

    private readonly LiteDbStore _store;
    private readonly bool _ownsStore;

    public TestEngine(FlowCatalog catalog, IIntentClassifier? classifier = null, RoutingOptions? routing = null, KeywordOptions? keywords = null, EscalationOptions? escalation = null, LiteDbStore? store = null, FakeTimeProvider? time = null)
    {
        Catalog = catalog;
        _ownsStore = store is null;
        _store = store ?? LiteDbStore.InMemory();
        Time = time ?? new FakeTimeProvider(Some.Instant);
        var scripted = classifier as ILanguageDetector;
        Logs = new ListLogger();
        Engine = new ConversationEngine(
            () => Catalog,
            _store,
            classifier ?? new NoIntentClassifier(),
            scripted ?? new NoIntentClassifier(),
            ChatRouterCoreServiceCollectionExtensions.BuiltInHandlers(catalog.Directory),
            Options.Create(routing ?? new RoutingOptions()),
            Options.Create(keywords ?? new KeywordOptions()),
            Options.Create(escalation ?? new EscalationOptions()),
            Time,
            Logs);
    }

    public FlowCatalog Catalog { get; set; }

    public ConversationEngine Engine { get; }

    public FakeTimeProvider Time { get; }

    public ListLogger Logs { get; }

    public IConversationStore Store => _store;

    public string Customer { get; set; } = "15551230000";

    public string? Phone { get; set; } = "+15551230000";

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
        (await _store.FindProfileAsync([$"{Channel}:{Customer}"], null, CancellationToken.None))!;

    public async Task<Conversation> ConversationAsync()
    {
        var profile = await ProfileAsync();
        return (await _store.GetConversationAsync(Conversation.MakeId(Channel, Business, profile.Id), CancellationToken.None))!;
    }

    public void Dispose()
    {
        if (_ownsStore) _store.Dispose();
    }
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
