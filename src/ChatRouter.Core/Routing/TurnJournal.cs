using ChatRouter.Conversations;
using ChatRouter.Messaging;
using ChatRouter.Profiles;

namespace ChatRouter.Routing;

/// <summary>
/// The conversation one turn works on (a customer message, a business event or an agent action) and what the
/// turn adds to it: history entries, messages to send and events to report. The engine stores it all in one
/// transaction, so every part of a turn writes here and nowhere else. Lives for one turn, under the
/// conversation's lock.
/// </summary>
internal sealed class TurnJournal(EngineServices services, CustomerProfile profile, Conversation conversation, string locale)
{
    private readonly List<OutboundMessage> _messages = [];
    private readonly List<TurnEvent> _events = [];
    private readonly List<ConversationMessage> _history = [];
    private readonly List<Consents.ConsentRecord> _consents = [];
    private readonly List<Review.ReviewItem> _review = [];

    public CustomerProfile Profile { get; } = profile;

    public Conversation Conversation { get; } = conversation;

    /// <summary>The locale the turn answers in; the conversation keeps it once a customer message set it.</summary>
    public string Locale { get; private set; } = locale;

    /// <summary>One instant for the whole turn, so its entries and timestamps agree.</summary>
    public DateTimeOffset Now { get; } = services.Time.GetUtcNow();

    /// <summary>Set by whatever changes the profile in this turn (consent, locale, attributes, a handler).</summary>
    public bool ProfileChanged { get; set; }

    /// <summary>Changes the turn's locale and the conversation's; the caller refreshes what was rendered in the old one.</summary>
    public void ChangeLocale(string locale)
    {
        Locale = locale;
        Conversation.Locale = locale;
    }

    /// <summary>Appends a history entry stamped with the turn's instant and the conversation's current flow and state.</summary>
    public ConversationMessage Log(MessageAuthor author, string text, string kind = "text", string? id = null)
    {
        var entry = new ConversationMessage
        {
            Id = id ?? services.NewId(),
            ConversationId = Conversation.Id,
            At = Now,
            Author = author,
            Text = text,
            Kind = kind,
            Flow = Conversation.FlowId,
            State = Conversation.State,
        };
        _history.Add(entry);
        return entry;
    }

    /// <summary>Queues a message to the customer with its history entry; both carry the message's id, which delivery receipts look up.</summary>
    public ConversationMessage Send(OutboundMessage message, MessageAuthor author, string kind = "text")
    {
        _messages.Add(message);
        return Log(author, message.Text, kind, message.Id);
    }

    public void Report(TurnEvent turnEvent) => _events.Add(turnEvent);

    public TurnResult Result() => new(Conversation, Profile, _messages.ToArray(), _events.ToArray());

    /// <summary>Makes <paramref name="entry"/> the customer's current consent and appends it to the ledger with the turn.</summary>
    public void RecordConsent(Consents.ConsentEntry entry)
    {
        Profile.Consent.Apply(entry);
        ProfileChanged = true;
        _consents.Add(Consents.ConsentRecord.From(services.NewId(), Profile.Id, entry));
    }

    /// <summary>Queues the turn's customer message for review; stored with the turn, stamped with its instant and an id.</summary>
    public void QueueForReview(Review.ReviewItem item)
    {
        item.Id = services.NewId();
        item.At = Now;
        _review.Add(item);
    }

    /// <summary>The handoff episode this turn ended; stored with the turn.</summary>
    public Handoff? EndedHandoff { get; set; }

    public TurnRecord Record()
    {
        if (ProfileChanged) Profile.UpdatedAt = Now;
        return new(Profile, Conversation, _history.ToArray())
        {
            ProfileChanged = ProfileChanged,
            Writes = new TurnWrites
            {
                EndedHandoff = EndedHandoff is null ? null : HandoffRecord.From(Conversation.Id, EndedHandoff),
                Consents = _consents.ToArray(),
                Review = _review.ToArray(),
            },
        };
    }
}
