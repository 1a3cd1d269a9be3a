using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Handlers;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Text;
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
        using var held = await _locks.AcquireAsync(Identity(message.Channel, message.CustomerId), cancellationToken);

        var (profile, changed) = await LoadProfileAsync(identities, message.Phone, message.ProfileName, cancellationToken);
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
        using var held = await _locks.AcquireAsync(Identity(businessEvent.Channel, address), cancellationToken);

        var (profile, changed) = await LoadProfileAsync(identities, businessEvent.Phone, null, cancellationToken);
        var conversation = await LoadConversationAsync(businessEvent.Channel, businessEvent.BusinessNumber, profile, address, cancellationToken);
        var locale = ResolveLocale(profile, conversation, null);
        var journal = new TurnJournal(_services, profile, conversation, locale) { ProfileChanged = changed };
        using var turn = new Turn(_services, journal);
        await turn.ApplyEventAsync(businessEvent.Type, businessEvent.Data, cancellationToken);
        return await SaveAsync(journal, writes, cancellationToken);
    }

    /// <summary>Sets a customer's preferred locale (the simulator's <c>/locale</c>).</summary>
    public Task SetLocaleAsync(string channel, string customerId, string locale, CancellationToken cancellationToken) =>
        UpdateProfileAsync(channel, customerId, profile => profile.Locale = locale, cancellationToken);

    /// <summary>Changes a customer's profile (created when new) under the conversation lock, e.g. name, phone or locale.</summary>
    public async Task<CustomerProfile> UpdateProfileAsync(string channel, string customerId, Action<CustomerProfile> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var held = await _locks.AcquireAsync(Identity(channel, customerId), cancellationToken);
        var (profile, _) = await LoadProfileAsync([Identity(channel, customerId)], null, null, cancellationToken);
        change(profile);
        profile.UpdatedAt = _services.Time.GetUtcNow();
        await _services.Store.SaveProfileAsync(profile, [], cancellationToken);
        return profile;
    }

    /// <summary>
    /// Records consent entries for a customer from outside a conversation (Meta's preferences webhook, a
    /// provider's opt-out error): each becomes the current consent of its purpose and is appended to the ledger,
    /// together, under the conversation lock.
    /// </summary>
    public async Task<CustomerProfile> RecordConsentAsync(string channel, string customerId, IReadOnlyList<Consents.ConsentEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        using var held = await _locks.AcquireAsync(Identity(channel, customerId), cancellationToken);
        var (profile, _) = await LoadProfileAsync([Identity(channel, customerId)], null, null, cancellationToken);
        var now = _services.Time.GetUtcNow();
        foreach (var entry in entries) profile.Consent.Apply(entry);
        profile.UpdatedAt = now;
        await _services.Store.SaveProfileAsync(profile, [.. entries.Select(e => Consents.ConsentRecord.From(SortableId.Next(now), profile.Id, e))], cancellationToken);
        return profile;
    }

    /// <summary>Forgets a customer's conversation (the simulator's <c>/reset</c>); the profile stays.</summary>
    public async Task ResetAsync(string channel, string businessNumber, string customerId, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(Identity(channel, customerId), cancellationToken);
        var profile = await _services.Store.FindProfileAsync([Identity(channel, customerId)], null, cancellationToken);
        if (profile is not null)
            await _services.Store.DeleteConversationAsync(Conversation.MakeId(channel, businessNumber, profile.Id), cancellationToken);
    }

    private static string Identity(string channel, string id) => channel + ":" + id;

    private string ResolveLocale(CustomerProfile profile, Conversation conversation, string? text)
    {
        var catalog = _services.Catalog();
        var available = catalog.Locales.Concat(_services.Classifier.Locales).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return LocaleResolver.Resolve(profile, conversation, text, available, _services.Detector, _services.Routing.DefaultLocale);
    }

    /// <summary>The customer's profile (created when new), with what the channel told us added; <c>changed</c> when it must be written.</summary>
    private async Task<(CustomerProfile Profile, bool Changed)> LoadProfileAsync(List<string> identities, string? phone, string? name, CancellationToken cancellationToken)
    {
        var now = _services.Time.GetUtcNow();
        var found = await _services.Store.FindProfileAsync(identities, phone, cancellationToken);
        var profile = found ?? new CustomerProfile { Id = _services.NewId(), CreatedAt = now, UpdatedAt = now };
        var changed = found is null;
        foreach (var identity in identities.Where(i => !profile.Identities.Contains(i, StringComparer.Ordinal)))
        {
            profile.Identities.Add(identity);
            changed = true;
        }

        if (phone is not null && profile.Phone is null)
        {
            profile.Phone = phone;
            changed = true;
        }

        var cleanName = string.IsNullOrWhiteSpace(name) ? null : TextNormalizer.Clean(name);
        if (cleanName is not null && cleanName != profile.Name)
        {
            profile.Name = cleanName;
            changed = true;
        }

        return (profile, changed);
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
