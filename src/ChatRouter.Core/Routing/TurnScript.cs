using ChatRouter.Replies;
using ChatRouter.Text;
using Scriban;
using Scriban.Runtime;

namespace ChatRouter.Routing;

/// <summary>
/// The Scriban side of one turn: reply texts, guards and flow expressions all run against one model of the
/// conversation (customer, slots, event …) in the turn's culture. The model and the rented context are built on
/// first use and kept, because a turn evaluates many of them; whoever changes what the model shows calls
/// <see cref="Invalidate"/>.
/// </summary>
internal sealed class TurnScript(EngineServices services, TurnJournal journal) : IDisposable
{
    private ScriptObject? _model;
    private ScriptScope? _scope;
    private string? _eventType;
    private IReadOnlyDictionary<string, object?>? _eventData;
    private IReadOnlyList<string>? _digestItems;
    private string? _digestCategory;

    private ScriptScope Scope
    {
        get
        {
            if (_scope is not null) return _scope;
            _model ??= ReplyModel.Build(journal.Profile, journal.Conversation, journal.Locale, journal.Now, _eventData, _eventType, _digestItems, _digestCategory);
            _scope = ScriptContextPool.Rent(_model, Locales.Culture(journal.Locale));
            return _scope;
        }
    }

    /// <summary>The business event this turn handles, shown to templates as <c>event</c>.</summary>
    public void SetEvent(string type, IReadOnlyDictionary<string, object?> data)
    {
        _eventType = type;
        _eventData = data;
        Invalidate();
    }

    /// <summary>The digest this turn sends, shown to templates as <c>digest.items</c>, <c>digest.count</c> and <c>digest.category</c>.</summary>
    public void SetDigest(IReadOnlyList<string> items, string category)
    {
        _digestItems = items;
        _digestCategory = category;
        Invalidate();
    }

    /// <summary>Slots, attributes, flow, state or locale changed: the next evaluation rebuilds the model.</summary>
    public void Invalidate()
    {
        _model = null;
        DropScope();
    }

    /// <summary>Renders a parsed reply template; what it throws is the caller's to report.</summary>
    public string Render(Template template)
    {
        try
        {
            return Scope.Render(template);
        }
        catch
        {
            DropScope();
            throw;
        }
    }

    /// <summary>A flow guard; one that fails at run time is logged and counts as false.</summary>
    public bool IsTrue(ScriptExpression guard)
    {
        try
        {
            return guard.IsTrue(Scope);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException)
        {
            DropScope();
            EngineLog.GuardFailed(services.Logger, e, journal.Conversation.FlowId, journal.Conversation.State, guard.Source);
            return false;
        }
    }

    /// <summary>A flow expression (a slot value, a handler argument); one that fails at run time is logged and is empty.</summary>
    public object? Evaluate(ScriptExpression expression)
    {
        try
        {
            return expression.Evaluate(Scope);
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException or FormatException or InvalidCastException)
        {
            DropScope();
            EngineLog.ExpressionFailed(services.Logger, e, journal.Conversation.FlowId, journal.Conversation.State, expression.Source);
            return null;
        }
    }

    public void Dispose() => DropScope();

    /// <summary>A context that threw is not pooled (Scriban leaves it half-written); the model itself is still good.</summary>
    private void DropScope()
    {
        _scope?.Dispose();
        _scope = null;
    }
}
