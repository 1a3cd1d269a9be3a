using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatRouter.Routing;

/// <summary>
/// Handles customer messages and business events: loads the customer's profile and conversation, routes the
/// message through guards, quick replies, input, globals, the classifier and the flow's state machine, and
/// stores everything the turn changed in one transaction. Thread-safe; one conversation is handled at a time.
/// </summary>
public sealed partial class ConversationEngine
{
    private readonly EngineServices _services;
    private readonly KeyedLock _locks = new();

    /// <summary>Creates the engine over a flow catalog (<paramref name="catalog"/> is read on every turn, so it can be swapped).</summary>
    public ConversationEngine(
        Func<FlowCatalog> catalog,
        IConversationStore store,
        IIntentClassifier classifier,
        ILanguageDetector detector,
        IEnumerable<IFlowHandler> handlers,
        WhatsAppTemplates.IMarketingOptOutButtons optOutButtons,
        IOptions<RoutingOptions> routing,
        IOptions<KeywordOptions> keywords,
        IOptions<EscalationOptions> escalation,
        TimeProvider time,
        ILogger<ConversationEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(routing);
        ArgumentNullException.ThrowIfNull(keywords);
        ArgumentNullException.ThrowIfNull(escalation);
        _services = new EngineServices
        {
            Catalog = catalog,
            Store = store,
            Classifier = classifier,
            Detector = detector,
            Handlers = handlers.ToDictionary(h => h.Name, StringComparer.Ordinal),
            Routing = routing.Value,
            Escalation = escalation.Value,
            Keywords = new Keywords(keywords.Value, routing.Value.DefaultLocale),
            OptOutButtons = optOutButtons,
            Time = time,
            Logger = logger,
        };
    }

    /// <summary>Handles one customer message and returns the replies to send.</summary>
    /// <exception cref="ArgumentException">The message names no channel, business number or customer.</exception>
    public Task<TurnResult> HandleAsync(InboundMessage message, CancellationToken cancellationToken) =>
        HandleAsync(message, null, cancellationToken);

    /// <summary>
    /// Handles one customer message; <paramref name="writes"/> adds records (outbox entries, the inbox mark) that
    /// are stored in the same transaction as the turn, so a crash never keeps one without the other.
    /// </summary>
    public Task<TurnResult> HandleAsync(InboundMessage message, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken) =>
        HandleAsync(message, answer: true, writes, cancellationToken);

    /// <summary>
    /// Stores a customer message without answering it (one over the customer's inbound limit, in a flood): it is
    /// in the history for agents and counts for the 24-hour window, and opt-out, opt-in and escalation words
    /// still act on it, but nothing else does.
    /// </summary>
    public Task<TurnResult> RecordAsync(InboundMessage message, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken) =>
        HandleAsync(message, answer: false, writes, cancellationToken);

    private async Task<TurnResult> HandleAsync(InboundMessage message, bool answer, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.BusinessNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.CustomerId);
        var identities = message.OtherCustomerIds.Prepend(message.CustomerId).Select(id => Identity(message.Channel, id)).ToList();
        var phone = PersonPhone(message.Channel, message.Phone, message.CustomerId);
        using var held = await _locks.AcquireAsync(Identity(message.Channel, message.CustomerId), cancellationToken);
        using var customer = await HoldCustomerAsync(identities, phone, cancellationToken);

        var (profile, changed) = LoadProfile(customer.Found, identities, phone, message.ProfileName);
        var conversation = await LoadConversationAsync(message.Channel, message.BusinessNumber, profile, message.CustomerId, cancellationToken);
        var locale = ResolveLocale(profile, conversation, message.Text);
        var journal = new TurnJournal(_services, profile, conversation, locale) { ProfileChanged = changed };
        using var turn = new Turn(_services, journal);
        if (answer) await turn.RouteAsync(message, cancellationToken);
        else await turn.RecordAsync(message, cancellationToken);
        return await SaveAsync(journal, writes, cancellationToken);
    }

    /// <summary>Delivers a business event (e.g. <c>order.shipped</c>) to a customer's conversation.</summary>
    public async Task<TurnResult> HandleEventAsync(BusinessEvent businessEvent, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(businessEvent);
        var address = businessEvent.CustomerId ?? businessEvent.Phone?.TrimStart('+')
            ?? throw new ArgumentException("A business event needs a customer id or a phone.", nameof(businessEvent));
        var identities = new List<string> { Identity(businessEvent.Channel, address) };
        var phone = PersonPhone(businessEvent.Channel, businessEvent.Phone, address);
        using var held = await _locks.AcquireAsync(Identity(businessEvent.Channel, address), cancellationToken);
        using var customer = await HoldCustomerAsync(identities, phone, cancellationToken);

        var (profile, changed) = LoadProfile(customer.Found, identities, phone, null);
        var conversation = await LoadConversationAsync(businessEvent.Channel, businessEvent.BusinessNumber, profile, address, cancellationToken);
        var locale = ResolveLocale(profile, conversation, null);
        var journal = new TurnJournal(_services, profile, conversation, locale) { ProfileChanged = changed };
        using var turn = new Turn(_services, journal);
        await turn.ApplyEventAsync(businessEvent.Type, businessEvent.Data, cancellationToken);
        return await SaveAsync(journal, writes, cancellationToken);
    }

    private static string Identity(string channel, string id) => channel + ":" + id;

    private string ResolveLocale(CustomerProfile profile, Conversation conversation, string? text)
    {
        var catalog = _services.Catalog();
        var available = catalog.Locales.Concat(_services.Classifier.Locales).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return LocaleResolver.Resolve(profile, conversation, text, available, _services.Detector, _services.Routing.DefaultLocale);
    }

    private async Task<Conversation> LoadConversationAsync(string channel, string businessNumber, CustomerProfile profile, string address, CancellationToken cancellationToken)
    {
        var id = Conversation.MakeId(channel, businessNumber, profile.Id);
        var now = _services.Time.GetUtcNow();
        var conversation = await _services.Store.GetConversationAsync(id, cancellationToken)
            ?? new Conversation { Id = id, Channel = channel, BusinessNumber = businessNumber, CustomerId = profile.Id, CreatedAt = now };
        conversation.Address = address;
        conversation.UpdatedAt = now;
        return conversation;
    }

    private async Task<TurnResult> SaveAsync(TurnJournal journal, Func<TurnResult, TurnWrites>? writes, CancellationToken cancellationToken)
    {
        var result = journal.Result();
        var record = journal.Record();
        if (writes is not null) record = record with { Writes = record.Writes.With(writes(result)) };
        await _services.Store.SaveTurnAsync(record, cancellationToken);
        return result;
    }
}
