using System.Globalization;
using ChatRouter.Conversations;
using ChatRouter.Flows;
using ChatRouter.Messaging;
using ChatRouter.Profiles;
using ChatRouter.Replies;
using ChatRouter.Text;
using Scriban.Runtime;

namespace ChatRouter.Routing;

/// <summary>
/// One message (or business event) being handled for one conversation: the routing order, the flow's
/// state machine, replies and history. Lives for one turn; the caller holds the conversation's lock.
/// </summary>
internal sealed partial class Turn : IDisposable
{
    private readonly EngineServices _services;
    private readonly FlowCatalog _catalog;
    private readonly List<OutboundMessage> _replies = [];
    private readonly List<TurnEvent> _events = [];
    private readonly List<ConversationMessage> _history = [];
    private ScriptObject? _model;
    private ScriptScope? _scope;
    private string? _eventType;
    private IReadOnlyDictionary<string, object?>? _eventData;
    private Handoff? _endedHandoff;

    public Turn(EngineServices services, CustomerProfile profile, Conversation conversation, string locale)
    {
        _services = services;
        _catalog = services.Catalog();
        Profile = profile;
        Conversation = conversation;
        Locale = locale;
        Now = services.Time.GetUtcNow();
        Flow = _catalog.Find(conversation.FlowId);
    }

    public CustomerProfile Profile { get; }

    public Conversation Conversation { get; }

    public string Locale { get; private set; }

    public DateTimeOffset Now { get; }

    private CompiledFlow? Flow { get; set; }

    private CompiledState? State => Flow is not null && Conversation.State is not null && Flow.States.TryGetValue(Conversation.State, out var state) ? state : null;

    private CultureInfo Culture => Locales.Culture(Locale);

    public TurnResult Result() => new(Conversation, Profile, _replies.ToArray(), _events.ToArray());

    /// <summary>Set by whatever changes the profile in this turn (consent, locale, attributes, a handler).</summary>
    public bool ProfileChanged { get; set; }

    public TurnRecord Record()
    {
        if (ProfileChanged) Profile.UpdatedAt = Now;
        return new(Profile, Conversation, _history.ToArray())
        {
            ProfileChanged = ProfileChanged,
            Writes = _endedHandoff is null ? TurnWrites.None : new TurnWrites { EndedHandoff = HandoffRecord.From(Conversation.Id, _endedHandoff) },
        };
    }

    public void Dispose()
    {
        _scope?.Dispose();
        _scope = null;
    }

    /// <summary>Appends a history entry stamped with the current flow and state.</summary>
    public void Log(MessageAuthor author, string text, string kind = "text", string? intent = null, double? confidence = null, string? providerId = null)
    {
        _history.Add(new ConversationMessage
        {
            Id = _services.NewId(),
            ConversationId = Conversation.Id,
            At = Now,
            Author = author,
            Text = text,
            Kind = kind,
            Intent = intent,
            Confidence = confidence,
            ProviderMessageId = providerId,
            Flow = Conversation.FlowId,
            State = Conversation.State,
        });
    }

    public void SetEvent(string type, IReadOnlyDictionary<string, object?> data)
    {
        _eventType = type;
        _eventData = data;
        InvalidateModel();
    }

    private void InvalidateModel()
    {
        _model = null;
        _scope?.Dispose();
        _scope = null;
    }

    /// <summary>The Scriban scope of this turn (model and culture), rebuilt after slots or locale change or a failed render.</summary>
    private ScriptScope Scope
    {
        get
        {
            if (_scope is not null) return _scope;
            _model ??= ReplyModel.Build(Profile, Conversation, Locale, Now, _eventData, _eventType);
            _scope = ScriptContextPool.Rent(_model, Culture);
            return _scope;
        }
    }

    /// <summary>After a failed render the scope is dropped (not pooled); the model itself is still good.</summary>
    private void InvalidateScope()
    {
        _scope?.Dispose();
        _scope = null;
    }

    private void SetLocale(string locale)
    {
        Locale = locale;
        Conversation.Locale = locale;
        InvalidateModel();
    }

    private void SetSlot(string name, object? value)
    {
        Conversation.Slots[name] = value;
        InvalidateModel();
    }

    private bool Evaluate(ScriptExpression guard)
    {
        try
        {
            return guard.IsTrue(Scope);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException)
        {
            InvalidateScope();
            EngineLog.GuardFailed(_services.Logger, e, Flow?.Id, Conversation.State, guard.Source);
            return false;
        }
    }

    private object? EvaluateValue(ScriptExpression expression)
    {
        try
        {
            return expression.Evaluate(Scope);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException)
        {
            InvalidateScope();
            EngineLog.ExpressionFailed(_services.Logger, e, Flow?.Id, Conversation.State, expression.Source);
            return null;
        }
    }
}
