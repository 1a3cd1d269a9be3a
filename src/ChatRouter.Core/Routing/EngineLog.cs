using Microsoft.Extensions.Logging;

namespace ChatRouter.Routing;

/// <summary>The engine's log events, with stable ids (R19). Message bodies and phone numbers never appear here.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Reply template {Key} ({Locale}) in {Path} failed; the customer got the safe fallback text")]
    public static partial void TemplateFailed(ILogger logger, Exception exception, string key, string locale, string path);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Reply template {Key} is missing in {Locale} (flow {Flow}); the customer got the safe fallback text")]
    public static partial void TemplateMissing(ILogger logger, string key, string locale, string? flow);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: state {State} of flow {Flow} v{StoredVersion} no longer exists in v{Version}; restarting the flow")]
    public static partial void StateRemoved(ILogger logger, string conversationId, string flow, int storedVersion, int version, string? state);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Conversation {ConversationId}: flow {Flow} is no longer loaded; leaving it")]
    public static partial void FlowRemoved(ILogger logger, string conversationId, string flow);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Guard '{Guard}' in flow {Flow} state {State} failed; treated as false")]
    public static partial void GuardFailed(ILogger logger, Exception exception, string? flow, string? state, string guard);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Expression '{Expression}' in flow {Flow} state {State} failed; treated as empty")]
    public static partial void ExpressionFailed(ILogger logger, Exception exception, string? flow, string? state, string expression);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Handler {Handler} failed in flow {Flow} state {State}; routed as outcome 'error'")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, string? flow, string? state);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error, Message = "Handler {Handler} called by flow {Flow} is not registered; routed as outcome 'error'")]
    public static partial void HandlerMissing(ILogger logger, string handler, string? flow);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Flow {Flow} state {State}: outcome '{Outcome}' has no transition")]
    public static partial void OutcomeNotRouted(ILogger logger, string flow, string state, string outcome);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Flow {Flow} moved too many times in one turn; stopped at {State}")]
    public static partial void TooManyHops(ILogger logger, string flow, string state);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Conversation {ConversationId} handed off to {Queue} ({Reason})")]
    public static partial void HandedOff(ILogger logger, string conversationId, string reason, string queue);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "No flow starts on business event {EventType}; ignored")]
    public static partial void EventUnrouted(ILogger logger, string eventType);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Error, Message = "Flow {Flow} switches to flow {Target}, which is not loaded; the flow ended")]
    public static partial void FlowMissing(ILogger logger, string flow, string target);
}
