using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Profiles;

namespace ChatRouter.Routing;

/// <summary>
/// One customer message (or business event) being routed in one conversation: the routing order of
/// contracts.md, the flow's state machine, global commands and the start of a handoff. What it says goes through
/// a <see cref="ReplyComposer"/>; what it changes and adds is in the <see cref="TurnJournal"/> the engine stores.
/// Lives for one turn; the caller holds the conversation's lock.
/// </summary>
internal sealed partial class Turn : IDisposable
{
    private readonly EngineServices _services;
    private readonly FlowCatalog _catalog;
    private readonly TurnJournal _journal;
    private readonly TurnScript _script;
    private readonly ReplyComposer _replies;

    public Turn(EngineServices services, TurnJournal journal)
    {
        _services = services;
        _catalog = services.Catalog();
        _journal = journal;
        _script = new TurnScript(services, journal);
        _replies = new ReplyComposer(services, _catalog, journal, _script);
    }

    private CustomerProfile Profile => _journal.Profile;

    private Conversation Conversation => _journal.Conversation;

    private string Locale => _journal.Locale;

    private DateTimeOffset Now => _journal.Now;

    /// <summary>The conversation's flow in this turn's catalog; null when it is in none or its flow is no longer loaded.</summary>
    private CompiledFlow? Flow => _catalog.Find(Conversation.FlowId);

    private CompiledState? State => Flow is { } flow && Conversation.State is not null && flow.States.TryGetValue(Conversation.State, out var state) ? state : null;

    private CompiledFlow? DefaultFlow => _services.DefaultFlow(_catalog);

    public void Dispose() => _script.Dispose();

    private void Log(MessageAuthor author, string text, string kind) => _journal.Log(author, text, kind);

    private void Say(string key, CompiledState? menuOf = null, IReadOnlyList<QuickReply>? quickReplies = null, string? listButton = null) =>
        _replies.Say(key, menuOf, quickReplies, listButton);

    private void SetLocale(string locale)
    {
        _journal.ChangeLocale(locale);
        _script.Invalidate();
    }

    private void SetSlot(string name, object? value)
    {
        Conversation.Slots[name] = value;
        _script.Invalidate();
    }

    /// <summary>Asks the current state's question again (after help, a language change or a media message).</summary>
    private void RepeatState()
    {
        if (State is { } state && state.Definition.Reply.Count > 0) _replies.SayState(state);
    }
}
