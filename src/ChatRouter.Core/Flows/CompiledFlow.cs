using ChatRouter.Guardrails;
using ChatRouter.Replies;
using ChatRouter.Text;

namespace ChatRouter.Flows;

/// <summary>
/// A validated flow, ready to run: states with parsed guards and expressions, its reply templates, and its
/// entry triggers. Built once per flow version and shared by every conversation (read-only).
/// </summary>
internal sealed class CompiledFlow
{
    public required FlowDefinition Definition { get; init; }

    public required string FilePath { get; init; }

    public required ReplyBook Replies { get; init; }

    public required IReadOnlyDictionary<string, CompiledState> States { get; init; }

    public required IReadOnlyDictionary<string, KeywordSet> EntryKeywords { get; init; }

    /// <summary>Other flows this one switches to (<c>startFlow</c>), with where it says so; checked once all flows are loaded.</summary>
    public required IReadOnlyList<(string FlowId, Diagnostics.TextPosition At)> FlowLinks { get; init; }

    /// <summary>The business events this flow starts on, by type, with the class and TTL each declares.</summary>
    public required IReadOnlyDictionary<string, DeclaredEvent> Events { get; init; }

    public string Id => Definition.Id;

    public int Version => Definition.Version;

    public IReadOnlyList<string> Locales => Definition.Locales;

    public CompiledState Initial => States[Definition.Initial];
}

internal sealed class CompiledState
{
    public required string Name { get; init; }

    public required StateDefinition Definition { get; init; }

    public required IReadOnlyList<CompiledTransition> Transitions { get; init; }

    public required IReadOnlyList<CompiledQuickReply> QuickReplies { get; init; }

    public required IReadOnlyList<CompiledAction> Actions { get; init; }

    public CompiledInput? Input { get; init; }

    /// <summary>Body parameters of the state's WhatsApp message template, parsed once.</summary>
    public IReadOnlyList<CompiledTemplateParameter> TemplateParameters { get; init; } = [];

    public bool HasTrigger(string trigger)
    {
        foreach (var transition in Transitions)
        {
            if (string.Equals(transition.Trigger, trigger, StringComparison.Ordinal)) return true;
        }

        return false;
    }
}

/// <summary>An event type a flow starts on: what its messages are, how long they stay sendable, and where it is declared.</summary>
internal sealed record DeclaredEvent(ContentClass Content, TimeSpan? Ttl, Diagnostics.TextPosition At);

/// <summary>A WhatsApp message template body parameter and the reply key said instead when it renders empty.</summary>
internal sealed record CompiledTemplateParameter(Scriban.Template Value, string? Fallback);

internal sealed class CompiledTransition
{
    public required string Trigger { get; init; }

    public required string Target { get; init; }

    public ScriptExpression? Guard { get; init; }

    public required IReadOnlyList<CompiledAction> Actions { get; init; }
}

internal sealed class CompiledQuickReply
{
    public required QuickReplyDefinition Definition { get; init; }

    public ScriptExpression? Guard { get; init; }

    public required IReadOnlyList<CompiledAction> Actions { get; init; }

    public string Trigger => Triggers.QuickReply(Definition.Id);
}

internal sealed class CompiledAction
{
    public required ActionDefinition Definition { get; init; }

    public ScriptExpression? Value { get; init; }

    public required IReadOnlyDictionary<string, ScriptExpression> Arguments { get; init; }
}

internal sealed class CompiledInput
{
    public required InputDefinition Definition { get; init; }

    public System.Text.RegularExpressions.Regex? Pattern { get; init; }
}

/// <summary>Trigger names shared by the flow files (<c>on</c>) and the state machine.</summary>
internal static class Triggers
{
    public const string InputValid = "input:valid";
    public const string InputExhausted = "input:exhausted";

    public static string Intent(string intent) => "intent:" + intent;

    public static string Event(string name) => "event:" + name;

    public static string Outcome(string outcome) => "outcome:" + outcome;

    public static string QuickReply(string id) => "quick:" + id;

    public static string Media(string kind) => "media:" + kind;
}
