using ChatRouter.Outbox;

namespace ChatRouter.Server.Outbox;

/// <summary>The outbox's log events (no message text or phone numbers above Debug).</summary>
internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Replaying {Count} outbox entries left pending by the previous run")]
    public static partial void Replaying(ILogger logger, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Outbox {Id} sent on {Channel} as {ProviderMessageId}")]
    public static partial void Sent(ILogger logger, string id, string channel, string providerMessageId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Outbox {Id}: retrying after {Delay} ({Code}: {Reason})")]
    public static partial void Retrying(ILogger logger, string id, int? code, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Outbox {Id} finished as {State} ({Code}: {Reason})")]
    public static partial void Finished(ILogger logger, string id, OutboxState state, int? code, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Outbox {Id}: the provider says the 24-hour window is closed ({Code}); trying a WhatsApp message template")]
    public static partial void WindowClosedByProvider(ILogger logger, string id, int? code);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Error, Message = "Channel {Channel} refuses our credentials or account ({Code}: {Reason}); check its configuration")]
    public static partial void ConfigurationProblem(ILogger logger, string channel, int? code, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Sending outbox {Id} failed unexpectedly; it will be retried")]
    public static partial void SendCrashed(ILogger logger, Exception exception, string id);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Debug, Message = "Status {Status} for unknown message {ProviderMessageId}; kept briefly in case its send is still being recorded")]
    public static partial void StatusParked(ILogger logger, Channels.DeliveryStatus status, string providerMessageId);
}
